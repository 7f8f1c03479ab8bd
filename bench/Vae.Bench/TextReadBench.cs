using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vae.Data;
using Vae.IO;

namespace Vae.Bench;

/// <summary>
/// The cost of strict UTF-8 reading (docs/results/text-reading.md): the same large files read line by line with
/// .NET's StreamReader (how the readers read before, accepting any bytes) and with Vae.IO.Utf8LineReader (now),
/// and a whole numeric CSV through CsvTableReader both ways. Rounds alternate the two, the page cache warm.
/// </summary>
public static class TextReadBench
{
    public static string Run(int megabytes, int rounds, string command)
    {
        using var tmp = new TempFolder();
        string csv = Path.Combine(tmp.Path, "table.csv"), tsv = Path.Combine(tmp.Path, "features.tsv");
        WriteCsv(csv, megabytes);
        WriteGreekTsv(tsv, megabytes);
        var sb = new StringBuilder();
        sb.AppendLine("# Reading text strictly as UTF-8").AppendLine();
        sb.AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `{command}` on {Machine.Describe()}.").AppendLine();
        sb.AppendLine("Every text reader reads through `Vae.IO.Utf8LineReader`, which refuses bytes that are not UTF-8 (or NUL) with the byte offset. "
            + "Before, the readers used .NET's `StreamReader` (UTF-8 with replacement characters: any bytes were read as text). "
            + $"The files are generated: a numeric CSV (20 columns of 6-decimal numbers) and a features.tsv whose names are Greek (two-byte UTF-8), {megabytes} MB each. "
            + $"Median (fastest) of {rounds} alternating rounds, the files in the page cache; the ratio is new/old time (below 1: faster). "
            + "The machine is shared: the load average while measuring is given, and the fastest round is the least disturbed.").AppendLine();
        sb.AppendLine($"Load average (1, 5, 15 min) at the start: {LoadAverage()}.").AppendLine();
        sb.AppendLine("| what | file | StreamReader (before) | Utf8LineReader (now) | now / before |");
        sb.AppendLine("|---|---|---|---|---|");
        Row(sb, "lines", $"numeric CSV, {Mb(csv)}", rounds, () => CountOld(csv), () => CountNew(csv));
        Row(sb, "lines", $"Greek features.tsv, {Mb(tsv)}", rounds, () => CountOld(tsv), () => CountNew(tsv));
        Row(sb, "`CsvTableReader.Read` (lines and numbers)", $"numeric CSV, {Mb(csv)}", rounds,
            () => { using var r = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true); return CsvTableReader.Read(r, csv, CsvOptions.Default).Count; },
            () => CsvTableReader.Read(csv).Count);
        return sb.ToString();
    }

    static string LoadAverage()
    {
        try { return string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }

    static string Mb(string path) => $"{new FileInfo(path).Length / 1e6:F0} MB";

    static void Row(StringBuilder sb, string what, string file, int rounds, Func<long> old, Func<long> now)
    {
        if (old() != now()) throw new InvalidOperationException($"{what}: the two readers disagree on {file}");
        var (a, b) = (new List<double>(), new List<double>());
        for (int r = 0; r < rounds; r++)
        {
            a.Add(Time(old));
            b.Add(Time(now));
        }
        double ma = Machine.Median(a), mb = Machine.Median(b), fa = a.Min(), fb = b.Min();
        Console.Error.WriteLine($"{what} on {file}: median {ma * 1000:F0} ms before, {mb * 1000:F0} ms now ({mb / ma:F3}); fastest {fa * 1000:F0} / {fb * 1000:F0} ms ({fb / fa:F3})");
        sb.AppendLine($"| {what} | {file} | {ma * 1000:F0} ms ({fa * 1000:F0}) | {mb * 1000:F0} ms ({fb * 1000:F0}) | {mb / ma:F3} ({fb / fa:F3}) |");
    }

    static double Time(Func<long> f)
    {
        GC.Collect();
        var clock = Stopwatch.StartNew();
        f();
        return clock.Elapsed.TotalSeconds;
    }

    static long CountOld(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        long chars = 0;
        while (reader.ReadLine() is string line) chars += line.Length;
        return chars;
    }

    static long CountNew(string path)
    {
        using var reader = Utf8LineReader.Open(path);
        long chars = 0;
        while (reader.ReadLine() is string line) chars += line.Length;
        return chars;
    }

    static void WriteCsv(string path, int megabytes)
    {
        var rng = new Random(1);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        w.WriteLine(string.Join(",", Enumerable.Range(0, 20).Select(i => $"x{i}")));
        var row = new StringBuilder();
        while (w.BaseStream.Position < megabytes * 1_000_000L)
        {
            row.Clear();
            for (int c = 0; c < 20; c++) row.Append(c == 0 ? "" : ",").Append((rng.NextDouble() * 10 - 5).ToString("F6", CultureInfo.InvariantCulture));
            w.WriteLine(row);
        }
    }

    static void WriteGreekTsv(string path, int megabytes)
    {
        const string greek = "αβγδεζηθικλμνξοπρστυφχψω";
        var rng = new Random(2);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        for (int g = 0; w.BaseStream.Position < megabytes * 1_000_000L; g++)
        {
            var name = new string(Enumerable.Range(0, 4 + rng.Next(12)).Select(_ => greek[rng.Next(greek.Length)]).ToArray());
            w.WriteLine($"ENSG{g:D11}\t{name}-{g % 97}\tGene Expression");
        }
    }
}
