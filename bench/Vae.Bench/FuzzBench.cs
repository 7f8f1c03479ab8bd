using System.Text;
using Vae.Reliability;

namespace Vae.Bench;

/// <summary>The documented fuzzing run: N mutated inputs per reader (docs/results/fuzzing.md).</summary>
public static class FuzzBench
{
    /// <summary>The readers by the names <c>--targets</c> takes.</summary>
    public static IReadOnlyDictionary<string, Func<FuzzTarget>> Targets => FuzzTargets.All;

    public static string Run(int cases, int seed, string command, IReadOnlyList<string>? only = null)
    {
        var unknown = only?.Where(n => !Targets.ContainsKey(n)).ToList();
        if (unknown is { Count: > 0 }) throw new ArgumentException($"unknown fuzz target(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Targets.Keys)}");
        var targets = (only ?? Targets.Keys.ToList()).Select(n => Targets[n]()).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine("# Fuzzing the readers").AppendLine();
        sb.AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `{command}` on {Machine.Describe()}.").AppendLine();
        sb.AppendLine("Each case is a valid file with 1–8 random mutations (bit flips, byte changes, insertions, deletions, truncation, duplicated chunks, huge big-endian counts). "
            + "A case passes when the reader reads it or throws its own clear error (a `VaeException`, shown to users as one line); any other exception, a case slower than 20 s, "
            + "or one allocating more than 512 MB of managed memory (the h5ad target: 2 GiB + 64 MB, see below) is a failure. The h5ad target mutates a small AnnData file written by python3-anndata 0.8 (CSR X, categorical obs; "
            + "tests/Vae.Tests/Applications/SingleCell/fixtures/fuzz.h5ad) and reads its counts, names, and cell_type and batch columns. The model-folder target mutates one of config.json, state.json, model.dat, optimizer.dat and "
            + "metrics.jsonl and loads the folder (config, state, weights, metrics, optimizer state); for half of the damaged weight files the checksum in state.json is forged to match, "
            + "so the weight parsers themselves are exercised. The SMILES targets read the file and check every molecule (what `vae mol check` does); the 10x target mutates one of "
            + "matrix.mtx, features.tsv and barcodes.tsv (a quarter of the time stored gzip-compressed after the mutation) and reads the folder; the metadata target reads the CSV "
            + "and joins it to the counts' barcodes. A mutation that leaves bytes that are not UTF-8 text (or a NUL) must be refused with the byte offset. The image-folder targets mutate one of six PNG (or JPEG) files in two class folders and load the folder through `images:` (listing, SkiaSharp decoding, resizing every other case, the shard cache), which must give one example per file or a clear error. The table and array targets start from a Parquet file Parquet.Net wrote (snappy, two row groups, a text label), an Arrow IPC file (two record batches, a text label), a big-endian int16 Fortran-order .npy, and an .npz with a stored and a deflated member. The test suite runs the same targets with fewer cases (`FuzzTests`).").AppendLine();
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
        if (targets.Any(t => t is H5adTarget))
            sb.AppendLine("The h5ad target's allocation bound is 2 GiB + 64 MB instead of 512 MB: PureHDF 2.2 allocates the buffer for an attribute's or a "
                + "global-heap object's bytes from a 32-bit size read in the file before it reads them, so a damaged size costs one short-lived array of up "
                + "to 2 GiB (the read then fails at the end of the file, and the reader reports a clear error naming the HDF5 object). That is PureHDF's, "
                + "not ours to bound without forking it; every other allocation of the reader is checked against what the file could hold (at most "
                + "1,100 × its size, deflate's limit).").AppendLine();
        sb.AppendLine(failures.Count == 0 ? "No failures." : "Failures:\n\n" + string.Join("\n", failures.Take(50).Select(f => "- " + f)));
        return sb.ToString();
    }
}
