using Vae.Workflows;

namespace Vae.Cli.Commands;

public sealed class DemoSettings : CommonSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Folder for the model, pictures and summary (default demo-output).")]
    [DefaultValue("demo-output")]
    public string Out { get; init; } = "demo-output";

    [CommandOption("--epochs <N>")]
    [Description("Training epochs (default 10, the reference protocol).")]
    [DefaultValue(10)]
    public int Epochs { get; init; } = 10;

    [CommandOption("-k <K>")]
    [Description("Importance samples for log p(x) (default 1000). Also --k.")]
    [DefaultValue(1000)]
    public int K { get; init; } = 1000;

    [CommandOption("-n <N>")]
    [Description("Test images for log p(x) (default 1000, the first ones). Also --n.")]
    [DefaultValue(1000)]
    public int N { get; init; } = 1000;
}

[Description("The whole workflow on Fashion-MNIST: train the reference VAE, evaluate it, draw samples, reconstructions, interpolations and the latent space, write a summary and an HTML report.")]
public sealed class DemoCommand(CliConsole console) : Command<DemoSettings>
{
    public override int Execute(CommandContext context, DemoSettings s, CancellationToken cancel)
    {
        if (s.K < 1) throw new VaeException($"--k {s.K}: must be ≥ 1.");
        if (s.N < 1) throw new VaeException($"--n {s.N}: must be ≥ 1.");
        var device = s.Setup();
        var options = new DemoOptions { Out = s.Out, Epochs = s.Epochs, K = s.K, N = s.N };
        TrainSettings.Guard(() => DemoWorkflow.Config(options));
        CountProgress? open = null;
        var reporting = new DemoReporting(
            Step: line => { open?.Done(); open = null; console.WriteLine(line); },
            Notes: console.Err,
            Training: console.TrainingProgress(),
            Count: (what, total) => open = console.Count(what, total, quiet: false));
        var result = DemoWorkflow.Run(options, device, reporting, cancel);
        open?.Done();
        if (result is null) return ExitCodes.Interrupted;
        console.WriteLine();
        console.WriteLine(result.Summary);
        console.WriteLine($"Everything is in {s.Out}/ (report.html shows it all).");
        return ExitCodes.Ok;
    }
}
