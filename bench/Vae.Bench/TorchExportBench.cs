using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TorchSharp;
using Vae.Export.Torch;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Bench;

/// <summary>
/// `bench/run torch-export RUN...`: exports each trained model in both PyTorch formats, computes the outputs of
/// encode and decode with the toolkit on 7 seeded rows, and has PyTorch itself (Debian's python3-torch, /usr/bin/python3)
/// load the generated vae_model.py and compare (bench/python/check_torch_export.py). The table of the largest
/// differences goes to its section of docs/results/export.md.
/// </summary>
public static partial class TorchExportBench
{
    public const string Begin = "<!-- bench/run torch-export: begin -->", End = "<!-- bench/run torch-export: end -->";

    public static (string Section, bool Passed) Run(string root, IReadOnlyList<string> runs, string command)
    {
        var rows = new List<string>();
        bool passed = true;
        using var tmp = new TempFolder();
        foreach (string run in runs)
        {
            using var loaded = ModelFolder.Load(run, CPU);
            var o = loaded.Model.Options;
            using var g = new Generator(7);
            using var x = rand([7, o.Input.Size], generator: g);
            var outputs = ExportedOutputs.Compute(loaded.Model, x);
            string reference = Path.Combine(tmp.Path, Path.GetFileName(run.TrimEnd('/')) + "-reference.json");
            File.WriteAllText(reference, Reference(x, outputs));
            foreach (var format in new[] { TorchFormat.Safetensors, TorchFormat.Pt })
            {
                string dir = Path.Combine(tmp.Path, $"{Path.GetFileName(run.TrimEnd('/'))}-{format.ToString().ToLowerInvariant()}");
                var clock = Stopwatch.StartNew();
                var c = TorchExport.Write(loaded.Config, loaded.Model, run, dir, format);
                double seconds = clock.Elapsed.TotalSeconds;
                long bytes = new FileInfo(Path.Combine(dir, c.Weights)).Length;
                var (exit, lines) = Python(root, dir, reference);
                passed &= exit == 0;
                foreach (var l in lines) Console.WriteLine(l);
                var diffs = lines.Select(l => OutputLine().Match(l)).Where(m => m.Success).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
                string worst = lines.Select(l => WorstLine().Match(l)).LastOrDefault(m => m.Success)?.Groups[1].Value ?? $"failed (exit code {exit})";
                rows.Add($"| {run} ({o.Network.Name.ToLowerInvariant()}, {c.StateDict.Count} tensors) | {c.Weights} ({bytes / 1e6:F1} MB, {seconds:F2} s) | "
                    + string.Join(", ", diffs.Select(kv => $"{kv.Key} {kv.Value}")) + $" | {worst} |");
            }
        }
        var s = new StringBuilder();
        s.AppendLine(Begin);
        s.AppendLine($"`{command}` ({DateTime.UtcNow:yyyy-MM-dd}; {PythonVersion()}): 7 rows x ~ U(0, 1), seed 7; the toolkit's outputs of");
        s.AppendLine("encode and decode (at mu) against PyTorch's from the generated `vae_model.py` (`bench/python/check_torch_export.py`; it fails above 1e-5).");
        s.AppendLine();
        s.AppendLine("| model | weights file (size, export time) | max abs difference per output | max |");
        s.AppendLine("|---|---|---|---|");
        foreach (var r in rows) s.AppendLine(r);
        s.AppendLine(End);
        return (s.ToString(), passed);
    }

    static string Reference(Tensor x, Dictionary<string, float[]> outputs)
    {
        int n = (int)x.shape[0];
        float[][] Rows(float[] v) => [.. Enumerable.Range(0, n).Select(i => v.AsSpan(i * (v.Length / n), v.Length / n).ToArray())];
        var doc = new Dictionary<string, object>
        {
            ["x"] = Rows(x.data<float>().ToArray()),
            ["outputs"] = outputs.ToDictionary(kv => kv.Key, kv => Rows(kv.Value)),
        };
        return JsonSerializer.Serialize(doc);
    }

    static (int Exit, List<string> Lines) Python(string root, string dir, string reference)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(root, "bench", "python", "check_torch_export.py"));
        info.ArgumentList.Add(dir);
        info.ArgumentList.Add(reference);
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var lines = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        p.WaitForExit();
        lines.AddRange(stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3));
        return (p.ExitCode, lines);
    }

    static string PythonVersion()
    {
        var info = new ProcessStartInfo("/usr/bin/python3", ["-c", "import sys, torch; print(f'Python {sys.version.split()[0]}, torch {torch.__version__}')"]) { RedirectStandardOutput = true };
        using var p = Process.Start(info)!;
        string v = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return p.ExitCode == 0 ? v : "python3-torch missing";
    }

    [GeneratedRegex(@"^(\S+): max \|PyTorch - TorchSharp\| = (\S+)$")]
    private static partial Regex OutputLine();

    [GeneratedRegex(@"max abs difference (\S+)$")]
    private static partial Regex WorstLine();
}
