using Vae.Training;


namespace Vae.Cli.Commands;

public sealed class PruneSettings : ModelSettings
{
    [CommandOption("--threshold <NATS>")]
    [Description("Remove dimensions whose mean KL on the training data is at or under this (default 0.05 nats).")]
    [DefaultValue(0.05)]
    public double Threshold { get; init; } = 0.05;

    [CommandOption("--fine-tune-epochs <N>")]
    [Description("Epochs of training after pruning (default 2; 0 writes the pruned model as it is).")]
    [DefaultValue(2)]
    public int FineTuneEpochs { get; init; } = 2;

    [CommandOption("--out <DIR>")]
    [Description("The folder for the pruned model (required).")]
    public string? Out { get; init; }

    [CommandOption("-k <K>")]
    [Description("Importance samples for the NLL before and after (default 1000). Also --k.")]
    [DefaultValue(1000)]
    public int K { get; init; } = 1000;

    [CommandOption("-n <N>")]
    [Description("Test examples for the ELBO and NLL (default 1000). Also --n.")]
    [DefaultValue(1000)]
    public int N { get; init; } = 1000;

    [CommandOption("--overwrite")]
    [Description("Replace a model already in --out.")]
    public bool Overwrite { get; init; }

    [CommandOption("--json")]
    [Description("Print the report as one JSON object.")]
    public bool Json { get; init; }
}

[Description("Remove unused latent dimensions (mean KL under a threshold), carry over the surviving weights, fine-tune, and report ELBO and NLL before and after.")]
public sealed class PruneCommand(CliConsole console) : Command<PruneSettings>
{
    public override int Execute(CommandContext context, PruneSettings s, CancellationToken cancel)
    {
        if (s.Out is null) throw new VaeException("--out <DIR> is required (the folder for the pruned model).");
        if (s.K < 1) throw new VaeException($"--k {s.K}: must be ≥ 1.");
        if (s.N < 1) throw new VaeException($"--n {s.N}: must be ≥ 1.");
        var device = s.Setup();
        var r = PruneWorkflow.Run(s.ModelDir, s.Out, s.Threshold, s.FineTuneEpochs, device, s.K, s.N, s.Json ? null : console.TrainingProgress(), s.Overwrite);
        if (s.Json)
        {
            console.WriteJson(PruneResult.From(r));
            return ExitCodes.Ok;
        }
        console.WriteLine($"Latent dimensions: {r.Before.Latent} -> {r.Pruned.Latent} (removed, 0-based: {(r.Removed.Length == 0 ? "none" : string.Join(", ", r.Removed))})");
        console.WriteLine($"Test, first {r.N} examples, nats per example (NLL with K = {r.K}):");
        console.WriteLine($"  before pruning       ELBO {r.Before.Elbo,9:F2}   NLL {r.Before.Nll,8:F2}");
        console.WriteLine($"  pruned               ELBO {r.Pruned.Elbo,9:F2}   NLL {r.Pruned.Nll,8:F2}");
        if (r.FineTuned is { } t)
            console.WriteLine($"  after {s.FineTuneEpochs} fine-tune epochs ELBO {t.Elbo,9:F2}   NLL {t.Nll,8:F2}   (NLL change {t.Nll - r.Before.Nll:+0.00;-0.00})");
        console.WriteLine($"Pruned model: {s.Out}");
        return ExitCodes.Ok;
    }
}
