

namespace Vae.Cli.Commands;

public sealed class EvalSettings : ModelSettings, IRankSettings
{
    [CommandOption("--ranks <N>")]
    [Description("Evaluate on N ranks of an mpirun on this machine (Open MPI), each taking a contiguous block of the examples; the numbers are one process's, to the last digit. Across machines run mpirun yourself (README: Past one machine).")]
    public int? Ranks { get; init; }

    [CommandOption("--rank-timeout <SECONDS>")]
    [Description("With several ranks: stop every rank when one has not delivered its block this long after the others (default 30).")]
    public double? RankTimeout { get; init; }

    [CommandOption("-k <K>")]
    [Description("Importance samples per example for log p(x) (default 5000). Also --k.")]
    [DefaultValue(5000)]
    public int K { get; init; } = 5000;

    [CommandOption("-n <N>")]
    [Description("Evaluate only the first N test examples (default: all). Also --n.")]
    public int? N { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Seed of the evaluation's random draws (default 0).")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object: elbo, reconstruction, kl, nll, k, n.")]
    public bool Json { get; init; }
}

[Description("Evaluate a model on the test split: ELBO, reconstruction, KL and the importance-sampled log-likelihood (nats per example).")]
public sealed class EvalCommand(CliConsole console) : Command<EvalSettings>
{
    public override int Execute(CommandContext context, EvalSettings s, CancellationToken cancel)
    {
        if (s.K < 1) throw new VaeException($"--k {s.K}: the number of importance samples must be ≥ 1.");
        if (s.N is < 1) throw new VaeException($"--n {s.N}: must be ≥ 1.");
        RankLaunch.Check(s);
        if (RankLaunch.Launches(s)) return RankLaunch.Evaluate(s, context.Arguments, console, "estimates log p(x) on a block of the examples");
        var ranks = RankLaunch.Join(s);
        var device = s.Setup();
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        var test = EvaluationData.LoadTest(loaded.Config, s.N);
        RankLaunch.Agree(ranks, s.ModelDir, test, ("--k", s.K), ("--n", s.N), ("--seed", s.Seed));
        var progress = console.Count($"log p(x) with K={s.K}", test.Count, s.Json);
        var report = ModelEvaluator.Evaluate(loaded.Model, test, device, s.K, s.Seed, progress, ranks);
        progress.Done();
        if (!ranks.IsRoot) return ExitCodes.Ok;   // rank 0 alone prints
        if (s.Json)
        {
            console.WriteJson(EvalResult.From(report));
            return ExitCodes.Ok;
        }
        console.WriteLine($"{s.ModelDir}: {test.Name}, {report.N:N0} examples (nats per example)");
        console.WriteLine($"  ELBO            {report.Elbo,10:F2}");
        console.WriteLine($"  reconstruction  {report.Reconstruction,10:F2}   (-E[log p(x|z)])");
        console.WriteLine($"  KL              {report.Kl,10:F2}");
        if (report.KlLibrary is double kl) console.WriteLine($"  KL library      {kl,10:F2}   (KL(q(l|x) ‖ p(l)) of the latent library size)");
        if (report.Nll is double nll)
            console.WriteLine($"  NLL             {nll,10:F2}   (-log p(x), K = {report.K}, ± {report.NllStandardError:F2} standard error over examples)");
        else
            console.WriteLine("  NLL             (none: an autoencoder has no density)");
        return ExitCodes.Ok;
    }
}
