using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Bench;

/// <summary>
/// Data-parallel training on Open MPI (docs/results/distributed.md): equivalence with one process after 100
/// steps, bit-identical reruns, the test ELBO after 10 epochs of the reference model, throughput of 1 and 2
/// ranks against one process with one and two threads, the time in the all-reduce, and a calibrated model
/// of the ring all-reduce projecting 8, 64 and 256 nodes over 10 and 100 Gb/s.
/// </summary>
public static class DistributedBench
{
    sealed record Trained(string Dir, double Seconds, IReadOnlyList<EpochMetrics> Metrics, long Parameters);

    public static string Run(string root, string command, int epochs, bool withCounts)
    {
        using var tmp = new TempFolder();
        string Vae(string[] args) => Cli(root, args);
        var sb = new StringBuilder();
        sb.AppendLine("# Data-parallel training on Open MPI").AppendLine();
        sb.AppendLine($"Made by `{command}` on {Machine.Describe()}; Open MPI {OpenMpiVersion()}, ranks on one machine over shared memory (`btl self,vader`).").AppendLine();

        // 1. Equivalence after 100 steps: 12,800 Fashion-MNIST images, batch 128, one epoch.
        string[] hundred = ["train", "--train-size", "12800", "--val-size", "0", "--epochs", "1", "--seed", "1", "--threads", "1"];
        var one = Train(Vae, tmp, "one", hundred);
        var oneTwoThreads = Train(Vae, tmp, "one-t2", [.. hundred[..^1], "2"]);
        var twoA = Train(Vae, tmp, "two-a", [.. hundred, "--ranks", "2"]);
        var twoB = Train(Vae, tmp, "two-b", [.. hundred, "--ranks", "2"]);
        var (p1, p1t2, p2a, p2b) = (Parameters(one.Dir), Parameters(oneTwoThreads.Dir), Parameters(twoA.Dir), Parameters(twoB.Dir));
        sb.AppendLine("## Equivalence: 2 ranks against one process, 100 steps").AppendLine();
        sb.AppendLine("The reference MLP (784-400-20, Bernoulli, dynamic binarization, Adam 1e-3), seed 1, global batch 128, 100 steps on the first 12,800 training images. "
            + "Rank r computes rows [64r, 64r + 64) of every batch of the epoch's permutation; the binarization and ε are those one process draws for the whole batch; "
            + "each rank's gradient is weighted by its share (½) and the two are summed by the ring all-reduce.").AppendLine();
        sb.AppendLine("| compared | largest |Δ| of a parameter | mean |Δ| | parameters |");
        sb.AppendLine("|---|---|---|---|");
        sb.AppendLine($"| 2 ranks vs 1 process (1 thread) | {Largest(p1, p2a):G3} | {Mean(p1, p2a):G3} | {one.Parameters:N0} |");
        sb.AppendLine($"| 1 process, 2 threads vs 1 thread (libtorch's own reduction order) | {Largest(p1, p1t2):G3} | {Mean(p1, p1t2):G3} | |");
        sb.AppendLine($"| 2 ranks vs 2 ranks again | {Largest(p2a, p2b):G3} | {Mean(p2a, p2b):G3} | |").AppendLine();
        sb.AppendLine($"Train −ELBO over the 100 steps: one process {-one.Metrics[^1].TrainElbo:F4}, 2 ranks {-twoA.Metrics[^1].TrainElbo:F4}. "
            + "The differences come from summing each half-batch's gradient separately before adding the halves (float rounding; libtorch's CPU kernels give the same bits for 1 and 2 threads here); "
            + "the all-reduce adds in a fixed order, so two runs with the same number of ranks give the same bits.").AppendLine();

        // 2. Ten epochs of the reference model: the test ELBO, and throughput.
        string[] reference = ["train", "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--seed", "1"];
        var ref1 = Train(Vae, tmp, "ref-t1", [.. reference, "--threads", "1"]);
        var ref2 = Train(Vae, tmp, "ref-t2", [.. reference, "--threads", "2"]);
        var refRanks = Train(Vae, tmp, "ref-r2", [.. reference, "--threads", "1", "--ranks", "2"]);
        var half = Train(Vae, tmp, "half-t1", ["train", "--epochs", "1", "--seed", "1", "--threads", "1", "--batch-size", "64"]);
        var e1 = Eval(Vae, ref2.Dir);
        var e2 = Eval(Vae, refRanks.Dir);
        sb.AppendLine($"## The reference model, {epochs} epochs").AppendLine();
        sb.AppendLine("Fashion-MNIST, 55,000 training images (5,000 validation), batch 128, seed 1; test −ELBO and NLL (K = 100, all 10,000 test images) by `vae eval --k 100 --json`.").AppendLine();
        sb.AppendLine("| run | test −ELBO | test NLL (K = 100) | best val −ELBO | examples/s (mean of epochs 2…) | s per step | all-reduce s per step |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (name, r, e) in new (string, Trained, JsonNode?)[] { ("1 process, 1 thread", ref1, null), ("1 process, 2 threads", ref2, e1), ("2 ranks × 1 thread", refRanks, e2) })
        {
            double rate = Throughput(r), perStep = 128 / rate;
            string ar = r.Metrics[0].AllReduceSeconds is null ? "—" : $"{r.Metrics.Skip(1).Sum(m => m.AllReduceSeconds!.Value) / r.Metrics.Skip(1).Sum(m => StepsOf(m, r)) * 1e3:F2} ms";
            string elbo = e is null ? "—" : $"{-(double)e["elbo"]!:F2}", nll = e is null ? "—" : $"{(double)e["nll"]!:F2}";
            sb.AppendLine($"| {name} | {elbo} | {nll} | {-r.Metrics.Where(m => m.ValElbo is not null).Max(m => m.ValElbo!.Value):F2} | {rate:N0} | {perStep * 1e3:F2} ms | {ar} |");
        }
        sb.AppendLine();
        double t128 = 128 / Throughput(ref1), t64 = 64 / Throughput(half, skipFirst: false);
        double arPerStep = refRanks.Metrics.Skip(1).Sum(m => m.AllReduceSeconds!.Value) / refRanks.Metrics.Skip(1).Sum(m => StepsOf(m, refRanks));
        sb.AppendLine($"Speed-up of 2 ranks over one process with one thread: {Throughput(refRanks) / Throughput(ref1):F2}×; over one process with two threads: {Throughput(refRanks) / Throughput(ref2):F2}×. "
            + $"One step of one thread takes {t128 * 1e3:F2} ms at batch 128 and {t64 * 1e3:F2} ms at batch 64 (a 1-epoch run at `--batch-size 64`). "
            + $"The all-reduce moves {one.Parameters * 4 / 1e6:F2} MB per step; on 2 ranks it took {arPerStep * 1e3:F2} ms per step, waiting for the other rank included.").AppendLine();

        // 3. The NB count model, when asked.
        (long Parameters, double T128, double T64, double Ranks2)? counts = null;
        if (withCounts)
        {
            string sim = Path.Combine(tmp.Path, "sim");
            Vae(["sc", "simulate", "--cells", "10000", "--genes", "4000", "--out", sim]);
            string[] nb = ["train", "--data", "10x:" + sim, "--metadata", Path.Combine(sim, "metadata.csv"), "--likelihood", "nb", "--epochs", "2", "--seed", "1", "--val-size", "0", "--threads", "1"];
            var nb1 = Train(Vae, tmp, "nb-t1", nb);
            var nb64 = Train(Vae, tmp, "nb-64", [.. nb, "--batch-size", "64"]);
            var nbRanks = Train(Vae, tmp, "nb-r2", [.. nb, "--ranks", "2"]);
            counts = (nb1.Parameters, 128 / Throughput(nb1), 64 / Throughput(nb64), Throughput(nbRanks));
            sb.AppendLine("## The NB count model").AppendLine();
            sb.AppendLine($"`vae sc simulate --cells 10000 --genes 4000`, then the default count model (`--likelihood nb`, 2,000 highly variable genes, MLP encoder and decoder): {nb1.Parameters:N0} parameters "
                + $"({nb1.Parameters * 4 / 1e6:F2} MB of gradient). One thread: {Throughput(nb1):N0} cells/s at batch 128 ({counts.Value.T128 * 1e3:F2} ms per step), "
                + $"{counts.Value.T64 * 1e3:F2} ms per step at batch 64; 2 ranks: {Throughput(nbRanks):N0} cells/s.").AppendLine();
        }

        // 4. The calibrated model.
        sb.Append(Projection(one.Parameters * 4L, t128, t64, "the reference MLP", 60_000));
        if (counts is { } c) sb.Append(Projection(c.Parameters * 4L, c.T128, c.T64, "the NB count model", 10_000_000));
        sb.AppendLine(Limits);
        return sb.ToString();
    }

    public const string Limits = """
        ## What was not measured

        Only one machine with 2 cores was available: every multi-node figure above is the model's, with assumed
        network constants; no run crossed a network. `experiments/run` does not spread its runs over ranks
        (`vae sweep --ranks` does; the zoo and disentanglement experiments split by `--shard i/n` in separate
        processes). The evaluation verbs over ranks (`eval`, `diagnose`, `sc evaluate`) were checked for equal
        digits, not timed beyond the one `vae eval` run below. On 2 cores, "2 ranks × 1 thread" and "1 process ×
        2 threads" use the same cores, so the comparison is of parallel schemes, not of more hardware; the
        machine was shared with other jobs throughout (load averages are given with the runs).
        """;

    // Steps in an epoch's metrics (the difference of the step counters).
    static long StepsOf(EpochMetrics m, Trained r)
    {
        int i = r.Metrics.ToList().IndexOf(m);
        return m.Step - (i == 0 ? 0 : r.Metrics[i - 1].Step);
    }

    static double Throughput(Trained r, bool skipFirst = true)
    {
        var ms = skipFirst && r.Metrics.Count > 1 ? r.Metrics.Skip(1).ToList() : r.Metrics.ToList();
        return ms.Sum(m => m.SamplesPerSecond * m.Seconds) / ms.Sum(m => m.Seconds);
    }

    /// <summary>Throughput and efficiency of N nodes under the ring all-reduce model, for a fixed global batch and a fixed batch per node.</summary>
    static string Projection(long bytes, double t128, double t64, string name, long examples)
    {
        // Per-step compute t(b) = a + c·b from the two measured batch sizes.
        double c = (t128 - t64) / 64, a = t128 - 128 * c;
        if (a < 0) (a, c) = (0, t128 / 128);   // a noisy pair of timings: no fixed cost, time proportional to the batch
        var sb = new StringBuilder();
        sb.AppendLine($"## Projection: {name} on 8, 64 and 256 nodes").AppendLine();
        sb.AppendLine($"Per-step compute of one node (one thread, as measured above): t(b) = {a * 1e3:F3} ms + b × {c * 1e6:F2} µs. Gradient {bytes / 1e6:F2} MB (float32). "
            + "Ring all-reduce: t = 2(N−1)/N · bytes/BW + 2(N−1)·α, with α = 30 µs and BW = 1.1 GB/s for 10 Gb/s Ethernet (TCP), α = 3 µs and BW = 11 GB/s for 100 Gb/s (RDMA); "
            + "these α and BW are assumptions, not measurements. No overlap of communication with the backward pass (the trainer reduces after the backward pass). "
            + $"Epoch time is for {examples:N0} examples.").AppendLine();
        sb.AppendLine("| network | N | fixed global batch 128: examples/s | efficiency | epoch | batch 128 per node: examples/s | efficiency | epoch |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (net, alpha, bw) in new[] { ("10 Gb/s", 30e-6, 1.1e9), ("100 Gb/s", 3e-6, 11e9) })
        {
            foreach (int n in new[] { 1, 8, 64, 256 })
            {
                double ar = n == 1 ? 0 : 2.0 * (n - 1) / n * bytes / bw + 2.0 * (n - 1) * alpha;
                double strongLocal = Math.Max(128.0 / n, 1), strongStep = a + c * strongLocal + ar;
                double strong = 128 / strongStep, strongEff = t128 / (n * strongStep);
                double weakStep = t128 + ar, weak = 128.0 * n / weakStep, weakEff = t128 / weakStep;
                sb.AppendLine($"| {net} | {n} | {strong:N0} | {strongEff:P0} | {Duration(examples / strong)} | {weak:N0} | {weakEff:P0} | {Duration(examples / weak)} |");
            }
        }
        // Where it stops: the N at which a fixed global batch gains nothing more, and where batch-128-per-node drops below 50 %.
        foreach (var (net, alpha, bw) in new[] { ("10 Gb/s", 30e-6, 1.1e9), ("100 Gb/s", 3e-6, 11e9) })
        {
            int best = Enumerable.Range(1, 128).MaxBy(n => 128 / (a + c * 128.0 / n + (n == 1 ? 0 : 2.0 * (n - 1) / n * bytes / bw + 2.0 * (n - 1) * alpha)));
            int half = Enumerable.Range(2, 100_000).FirstOrDefault(n => t128 / (t128 + 2.0 * (n - 1) / n * bytes / bw + 2.0 * (n - 1) * alpha) < 0.5);
            sb.AppendLine().Append($"{net}: with the global batch fixed at 128, throughput peaks at N = {best} nodes (more nodes only add all-reduce time); "
                + $"with 128 examples per node, efficiency falls below 50 % at N = {(half == 0 ? "more than 100,000" : half.ToString("N0", CultureInfo.InvariantCulture))} "
                + $"(the bandwidth term alone is {2 * bytes / bw * 1e3:F2} ms per step against {t128 * 1e3:F2} ms of compute).");
        }
        sb.AppendLine().AppendLine();
        return sb.ToString();
    }

    static string Duration(double seconds) => seconds >= 3600 ? $"{seconds / 3600:F1} h" : seconds >= 60 ? $"{seconds / 60:F1} min" : $"{seconds:F1} s";

    static Trained Train(Func<string[], string> vae, TempFolder tmp, string name, string[] args)
    {
        string dir = Path.Combine(tmp.Path, name);
        var clock = Stopwatch.StartNew();
        vae([.. args, "--out", dir]);
        var seconds = clock.Elapsed.TotalSeconds;
        using var loaded = ModelFolder.Load(dir, CPU);
        return new Trained(dir, seconds, ModelFolder.ReadMetrics(dir), loaded.Model.parameters().Sum(p => p.numel()));
    }

    static JsonNode Eval(Func<string[], string> vae, string dir) =>
        JsonNode.Parse(vae(["eval", dir, "--k", "100", "--json"]).Trim().Split('\n')[^1])!;

    static Dictionary<string, float[]> Parameters(string dir)
    {
        using var loaded = ModelFolder.Load(dir, CPU);
        return loaded.Model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().contiguous().data<float>().ToArray());
    }

    static double Largest(Dictionary<string, float[]> a, Dictionary<string, float[]> b) => a.Max(p => p.Value.Zip(b[p.Key], (x, y) => Math.Abs((double)x - y)).Max());

    static double Mean(Dictionary<string, float[]> a, Dictionary<string, float[]> b) =>
        a.Sum(p => p.Value.Zip(b[p.Key], (x, y) => Math.Abs((double)x - y)).Sum()) / a.Sum(p => p.Value.Length);

    static string Cli(string root, string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(root, "vae")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Console.Error.WriteLine($"vae {string.Join(" ", args)}: exit {p.ExitCode}");
        if (p.ExitCode != 0) throw new InvalidOperationException($"vae {string.Join(" ", args)} failed ({p.ExitCode}): {output}\n{err.Result}");
        return output;
    }

    static string OpenMpiVersion()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("mpirun", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return text.Split('\n')[0].Split(' ')[^1];
        }
        catch (System.ComponentModel.Win32Exception) { return "(mpirun not found)"; }
    }
}
