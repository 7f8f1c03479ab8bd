using System.Text;
using Vae.Reliability;

namespace Vae.Bench;

/// <summary>The documented fuzzing run: N mutated inputs per reader (docs/results/fuzzing.md).</summary>
public static class FuzzBench
{
    public static string Run(int cases, int seed, string command)
    {
        FuzzTarget[] targets = [new IdxTarget(gzip: false), new IdxTarget(gzip: true), new CsvTarget(), new ParquetTarget(), new ArrowTarget(), new NpyTarget(archive: false), new NpyTarget(archive: true), new ModelFolderTarget(onlyConfig: true), new ModelFolderTarget(onlyConfig: false)];
        var sb = new StringBuilder();
        sb.AppendLine("# Fuzzing the readers").AppendLine();
        sb.AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `{command}` on {Machine.Describe()}.").AppendLine();
        sb.AppendLine("Each case is a valid file with 1–8 random mutations (bit flips, byte changes, insertions, deletions, truncation, duplicated chunks, huge big-endian counts). "
            + "A case passes when the reader reads it or throws its own clear error (a `VaeException`, shown to users as one line); any other exception, a case slower than 20 s, "
            + "or one allocating more than 512 MB of managed memory is a failure. The model-folder target mutates one of config.json, state.json, model.dat, optimizer.dat and "
            + "metrics.jsonl and loads the folder (config, state, weights, metrics, optimizer state); for half of the damaged weight files the checksum in state.json is forged to match, "
            + "so the weight parsers themselves are exercised. The table and array targets start from a Parquet file Parquet.Net wrote (snappy, two row groups, a text label), "
            + "an Arrow IPC file (two record batches, a text label), a big-endian int16 Fortran-order .npy, and an .npz with a stored and a deflated member. "
            + "The test suite runs the same targets with fewer cases (`FuzzTests`).").AppendLine();
        sb.AppendLine("| reader | cases | read | clear errors | failures | seconds | most managed memory in one case |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        var failures = new List<string>();
        foreach (var target in targets)
        {
            using (target)
            {
                var s = FuzzRunner.Run(target, cases, seed);
                Console.Error.WriteLine($"{s.Target}: {s.Read} read, {s.ClearErrors} clear errors, {s.Failures.Count} failures in {s.Seconds:F0} s");
                sb.AppendLine($"| {s.Target} | {s.Cases:N0} | {s.Read:N0} | {s.ClearErrors:N0} | {s.Failures.Count} | {s.Seconds:F0} | {s.MaxAllocatedBytes / 1024.0 / 1024.0:F1} MB |");
                failures.AddRange(s.Failures.Select(f => $"{s.Target}: {f}"));
            }
        }
        sb.AppendLine();
        sb.AppendLine(failures.Count == 0 ? "No failures." : "Failures:\n\n" + string.Join("\n", failures.Take(50).Select(f => "- " + f)));
        return sb.ToString();
    }
}
