

namespace Vae.Cli.Commands;

public sealed class GapSettings : ModelSettings
{
    [CommandOption("-n <N>")]
    [Description("Test examples (default 200; each is optimized separately). Also --n.")]
    [DefaultValue(200)]
    public int N { get; init; } = 200;

    [CommandOption("--steps <S>")]
    [Description("Gradient steps per example for q* (default 500).")]
    [DefaultValue(500)]
    public int Steps { get; init; } = 500;

    [CommandOption("--lr <X>")]
    [Description("Adam learning rate on q's parameters (default 0.01).")]
    [DefaultValue(0.01)]
    public double LearningRate { get; init; } = 0.01;

    [CommandOption("--samples <S>")]
    [Description("Reparameterized samples per step (default 16; not used when the ELBO is exact).")]
    [DefaultValue(16)]
    public int Samples { get; init; } = 16;

    [CommandOption("-k <K>")]
    [Description("Importance samples for log p(x) when it is not exact (default 5000). Also --k.")]
    [DefaultValue(5000)]
    public int K { get; init; } = 5000;

    [CommandOption("--seed <S>")]
    [Description("Seed of the sampling (default 0).")]
    public int Seed { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object: elbo, elbo_optimal, loglik, approximation_gap, amortization_gap (nats per example), n, exact.")]
    public bool Json { get; init; }
}

[Description("Inference gaps (Cremer et al. 2018): the encoder's ELBO L[[q]], the per-example optimum L[[q*]], log p(x), and the approximation and amortization gaps.")]
public sealed class GapCommand(CliConsole console) : Command<GapSettings>
{
    public override int Execute(CommandContext context, GapSettings s, CancellationToken cancel)
    {
        if (s.N < 1) throw new VaeException($"--n {s.N}: must be ≥ 1.");
        var device = s.Setup();
        var options = new GapOptions { Steps = s.Steps, LearningRate = s.LearningRate, Samples = s.Samples, K = s.K, Seed = s.Seed };
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        var test = EvaluationData.LoadTest(loaded.Config, s.N);
        var progress = console.Count("optimising q per example", test.Count, s.Json);
        var r = InferenceGaps.Measure(loaded.Model, test, device, options, progress);
        progress.Done();
        if (s.Json)
        {
            console.WriteJson(GapResult.From(r));
            return ExitCodes.Ok;
        }
        string how = r.Exact ? "exact (linear-Gaussian model: closed-form ELBO and marginal)" : $"Monte Carlo ELBOs, log p(x) by importance sampling with K = {s.K}";
        console.WriteLine($"{s.ModelDir}: {test.Name}, {r.N} examples, nats per example; {how}");
        console.WriteLine($"  L[q]   (encoder)          {r.MeanElbo,10:F3}");
        console.WriteLine($"  L[q*]  (optimised, {s.Steps} steps) {r.MeanElboOptimal,10:F3}");
        console.WriteLine($"  log p(x)                  {r.MeanLogLikelihood,10:F3}");
        console.WriteLine($"  approximation gap  log p(x) - L[q*] = {r.ApproximationGap:F3}");
        console.WriteLine($"  amortization gap   L[q*] - L[q]     = {r.AmortizationGap:F3}");
        return ExitCodes.Ok;
    }
}
