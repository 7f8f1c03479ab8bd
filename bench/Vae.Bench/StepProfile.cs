using System.Diagnostics;
using System.Text;
using Vae.Models;
using Vae.Objectives;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Bench;

/// <summary>
/// Where a training step of the reference MLP spends its time: the trainer's step (Trainer.Step)
/// taken apart, with a clock read between its phases, and the two pieces the toolkit rewrote
/// (dynamic binarization, the Adam update) beside libtorch's own form of them on the same tensors.
/// </summary>
static class StepProfile
{
    static readonly string[] Phases =
    [
        "draw the batch (`index_select`)", "binarize (`ExactBernoulli`)", "forward: model and loss", "read the loss terms (one copy to the host)",
        "zero the gradients", "backward", "gradient norm and NaN check", "Adam step (fused)",
    ];

    sealed record Profile(double[] Phases, double LibtorchBernoulli, double ExactBernoulli, double FusedAdam, double KernelAdam)
    {
        public double Step => Phases.Sum();
    }

    /// <summary>
    /// A markdown table of milliseconds per phase at each batch size, and the two rewritten pieces against libtorch's form;
    /// <paramref name="ceiling"/> reads libtorch's GFLOP/s on the step's products at a batch size, just before its profile.
    /// </summary>
    public static string Table(Tensor data, IReadOnlyList<int> batches, Func<int, double> ceiling, double flopsPerExample, int steps = 300)
    {
        var ceilings = new List<double>();
        var profiles = batches.Select(b => { ceilings.Add(ceiling(b)); return Measure(data, b, steps); }).ToList();
        var md = new StringBuilder();
        md.AppendLine($"{steps} steps of the trainer's step sequence at each batch size (after 30 unmeasured ones), the clock read between phases; milliseconds per step. "
            + "The last rows time the two pieces the toolkit replaced, each alone in a loop of the same length: libtorch's `bernoulli` against `ExactBernoulli` "
            + "(the same draws, bit for bit), and Adam as libtorch's eight kernels over the flat parameter vector against the fused step (the same bits).").AppendLine();
        md.AppendLine("| phase | " + string.Join(" | ", batches.Select(b => $"batch {b}")) + " |");
        md.AppendLine("|---|" + string.Concat(batches.Select(_ => "---|")));
        for (int i = 0; i < Phases.Length; i++)
            md.AppendLine($"| {Phases[i]} | " + string.Join(" | ", profiles.Select(p => $"{p.Phases[i]:F3} ({p.Phases[i] / p.Step:P0})")) + " |");
        md.AppendLine("| **step** | " + string.Join(" | ", profiles.Select(p => $"**{p.Step:F3}**")) + " |");
        md.AppendLine("| matrix products alone at libtorch's ceiling (read just before) | " + string.Join(" | ", batches.Select((b, i) => AtCeiling(b, ceilings[i], flopsPerExample, profiles[i]))) + " |");
        md.AppendLine("| binarize: libtorch `bernoulli` / `ExactBernoulli` alone | " + string.Join(" | ", profiles.Select(p => $"{p.LibtorchBernoulli:F3} / {p.ExactBernoulli:F3}")) + " |");
        md.AppendLine("| Adam: libtorch kernels / fused, alone | " + string.Join(" | ", profiles.Select(p => $"{p.KernelAdam:F3} / {p.FusedAdam:F3}")) + " |");
        return md.ToString();
    }

    static string AtCeiling(int batch, double ceiling, double flopsPerExample, Profile p)
    {
        double ms = batch * flopsPerExample / (ceiling * 1e9) * 1e3;
        return $"{ms:F3} ({ms / p.Step:P0}) at {ceiling:F1} GFLOP/s";
    }

    static Profile Measure(Tensor data, int batch, int steps)
    {
        const int warmUp = 30;
        using var model = new VaeModel(ModelOptions.MnistMlp, 1);
        var objective = Objective.Create(new ObjectiveOptions(), ModelOptions.MnistMlp, data.shape[0], 1);
        using var adam = new FlatAdam(model.named_parameters(), 1e-3);
        using var noise = new Generator(2);
        using var order = new Generator(1);
        using var perm = randperm(data.shape[0], generator: order);
        long batches = data.shape[0] / batch;
        var sums = new double[Phases.Length];
        var clock = new Stopwatch();
        for (int s = 0; s < warmUp + steps; s++)
        {
            using var scope = NewDisposeScope();
            int phase = 0;
            void Lap() { if (s >= warmUp) sums[phase] += clock.Elapsed.TotalMilliseconds; phase++; clock.Restart(); }
            clock.Restart();
            var x = data.index_select(0, perm.narrow(0, s % batches * batch, batch)); Lap();
            x = ExactBernoulli.Draw(x, noise); Lap();
            var terms = model.Terms(x, noise);
            var (loss, _) = objective.Evaluate(terms, new TrainingClock(s, batches, batches * 10)); Lap();
            _ = stack([loss * batch, terms.LogLikelihood.sum(), terms.Kl.sum()]).to(ScalarType.Float64).cpu().data<double>().ToArray(); Lap();
            adam.ZeroGrad(); Lap();
            loss.backward(); Lap();
            adam.CheckGradients(null); Lap();
            adam.Step(); Lap();
        }
        var sample = data.narrow(0, 0, batch);
        double bernoulli = Time(steps, () => sample.bernoulli(noise).Dispose());
        double exact = Time(steps, () => ExactBernoulli.Draw(sample, noise).Dispose());
        double fused = Time(steps, adam.Step);
        using var other = new VaeModel(ModelOptions.MnistMlp, 1);
        using var kernels = new FlatAdam(other.named_parameters(), 1e-3, fuse: false);
        double kernel = Time(steps, kernels.Step);
        Console.Error.WriteLine($"step profile at batch {batch}: {sums.Sum() / steps:F3} ms per step; bernoulli {bernoulli:F3} / exact {exact:F3} ms, Adam fused {fused:F3} / kernels {kernel:F3} ms");
        return new Profile([.. sums.Select(v => v / steps)], bernoulli, exact, fused, kernel);
    }

    static double Time(int n, Action action)
    {
        for (int i = 0; i < 10; i++) action();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < n; i++) action();
        return clock.Elapsed.TotalMilliseconds / n;
    }
}
