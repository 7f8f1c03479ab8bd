using System.Diagnostics;
using System.Text.Json;
using Vae.Evaluation;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Bench;

/// <summary>Importance-sampled log p(x) at K = 5000 (the MLP and the conv VAE), and the command line's start-up.</summary>
public static partial class FamiliesBench
{
    sealed record Importance(string Model, List<double> Toolkit, List<double> ToolkitMb, List<double> Peer, List<double> PeerMb);

    /// <summary><c>bench/run families-is RUN K N</c>: samples/s of MarginalLikelihood.Estimate on N test examples (`vae eval --k`'s code), and this process's peak RSS.</summary>
    public static string ImportanceChild(string run, int k, int n)
    {
        using var loaded = ModelFolder.Load(run, CPU);
        var test = EvaluationData.LoadTest(loaded.Config, n);
        MarginalLikelihood.Estimate(loaded.Model, test.Take(2), CPU, k);   // warm-up
        var clock = Stopwatch.StartNew();
        MarginalLikelihood.Estimate(loaded.Model, test, CPU, k);
        double rate = (double)test.Count * k / clock.Elapsed.TotalSeconds;
        return JsonSerializer.Serialize(new { samples_per_second = rate, peak_rss_mb = BenchProcess.PeakRss() / 1048576.0 });
    }

    static List<Importance> ImportanceSampling(string root, string work, int rounds)
    {
        const int k = 5000, n = 100;
        var results = new List<Importance>();
        string mlp = Path.Combine(work, "is-mlp");
        Train(root, new Family("mlp", "MLP", [], [128], 10), 128, 10, mlp);
        string conv = Path.Combine(work, "conv28-b128-r0");
        if (!File.Exists(Path.Combine(conv, "config.json"))) Train(root, new Family("conv28", "conv", ["--model", "conv"], [128], 10), 128, 10, conv);
        foreach (var (name, dir) in new[] { ("MLP 784-400-20", mlp), ("conv VAE 28×28", conv) })
        {
            string prefix = Path.Combine(work, "is-" + Path.GetFileName(dir));
            if (!File.Exists(prefix + ".x.npy")) BenchProcess.Child("families-data", dir, prefix);
            var r = new Importance(name, [], [], [], []);
            for (int i = 0; i < rounds; i++)
            {
                var own = JsonDocument.Parse(BenchProcess.Child("families-is", dir, k.ToString(Inv), n.ToString(Inv))).RootElement;
                r.Toolkit.Add(own.GetProperty("samples_per_second").GetDouble());
                r.ToolkitMb.Add(own.GetProperty("peak_rss_mb").GetDouble());
                var (peak, _, output, _) = Timed("/usr/bin/python3", [Path.Combine(root, "bench", "python", "pytorch_families.py"), "--config", Path.Combine(dir, "config.json"),
                    "--data", prefix, "--is", "--k", k.ToString(Inv), "--n", n.ToString(Inv)], PeerEnvironment);
                r.Peer.Add(JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.GetProperty("samples_per_second").GetDouble());
                r.PeerMb.Add(peak);
                Console.Error.WriteLine($"IS {name} round {i + 1}: toolkit {r.Toolkit[^1]:N0}/s, PyTorch {r.Peer[^1]:N0}/s");
            }
            results.Add(r);
        }
        return results;
    }

    /// <summary>Wall and CPU (user + system) seconds of each start, and the one-step train's phases (seconds from the process's start, CPU seconds and peak RSS by then).</summary>
    sealed record StartUpTimes(List<(double Wall, double Cpu)> Help, List<(double Wall, double Cpu)> FirstStep, List<(double Wall, double Cpu)> FirstStepConv,
        List<(double Wall, double Cpu)> PythonImport, Dictionary<string, List<(double Wall, double Cpu, double PeakMb)>> Phases);

    /// <summary>
    /// Wall seconds of `vae --help` and of a one-step `vae train` (start-up, loading Fashion-MNIST, one step, the checkpoint), warm build, 5 times each;
    /// the MLP's train runs with VAE_TRACE_STARTUP=1, whose marks say when each phase ended (the first step among them).
    /// </summary>
    static StartUpTimes StartUp(string root, string work)
    {
        string vae = Path.Combine(root, "vae");
        var s = new StartUpTimes([], [], [], [], []);
        var traced = new Dictionary<string, string> { ["VAE_TRACE_STARTUP"] = "1" };
        for (int i = 0; i < 5; i++)
        {
            s.Help.Add(WallAndCpu(Timed(vae, ["--help"], null)));
            s.FirstStep.Add(WallAndCpu(Timed(vae, ["train", "--train-size", "128", "--batch-size", "128", "--epochs", "1", "--val-size", "0", "--out", Path.Combine(work, "first-step"), "--overwrite"],
                traced, out string trace)));
            foreach (var (phase, wall, cpu, peak) in StartupMarks(trace))
            {
                if (!s.Phases.TryGetValue(phase, out var list)) s.Phases[phase] = list = [];
                list.Add((wall, cpu, peak));
            }
            s.FirstStepConv.Add(WallAndCpu(Timed(vae, ["train", "--model", "conv", "--train-size", "128", "--batch-size", "128", "--epochs", "1", "--val-size", "0", "--out", Path.Combine(work, "first-step-conv"), "--overwrite"], null)));
            s.PythonImport.Add(WallAndCpu(Timed("/usr/bin/python3", ["-c", "import torch"], PeerEnvironment)));
        }
        return s;
    }

    /// <summary>The "startup: PHASE at S s (cpu C s)" lines StartupTrace writes, in order.</summary>
    internal static IEnumerable<(string Phase, double Wall, double Cpu, double PeakMb)> StartupMarks(string errorOutput) =>
        System.Text.RegularExpressions.Regex.Matches(errorOutput, @"^startup: (.+) at ([0-9.]+) s \(cpu ([0-9.]+) s, rss [0-9]+ MB, peak ([0-9]+) MB\)\r?$",
                System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => (m.Groups[1].Value, double.Parse(m.Groups[2].Value, Inv), double.Parse(m.Groups[3].Value, Inv), double.Parse(m.Groups[4].Value, Inv)));

    static (double Wall, double Cpu) WallAndCpu((double PeakMb, double Wall, string Output, double Cpu) t) => (t.Wall, t.Cpu);
}
