using TorchSharp;
using Vae.Applications.Robotics;

namespace Vae.Cli.Commands.Robotics;

public sealed class RobotExperimentSettings : CommonSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Folder for the data sets and model folders (default runs/robotics).")]
    [DefaultValue("runs/robotics")]
    public string Out { get; init; } = "runs/robotics";

    [CommandOption("--report <FILE>")]
    [Description("The Markdown report to write (default docs/results/robotics.md); pictures go to the folder of the same name.")]
    [DefaultValue("docs/results/robotics.md")]
    public string Report { get; init; } = "docs/results/robotics.md";

    [CommandOption("--seed <S>")]
    [Description("Seed of the simulation; the models use seed + 1 (default 0).")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--arm-episodes <N>")]
    [Description("Arm episodes, a fifth of them held out (default 200).")]
    public int? ArmEpisodes { get; init; }

    [CommandOption("--pendulum-episodes <N>")]
    [Description("Pendulum episodes, a fifth of them held out (default 100).")]
    public int? PendulumEpisodes { get; init; }

    [CommandOption("--steps <T>")]
    [Description("Frames per episode (default 50).")]
    public int? Steps { get; init; }

    [CommandOption("--epochs <N>")]
    [Description("VAE training epochs of the arm models (default 10).")]
    public int? Epochs { get; init; }

    [CommandOption("--pendulum-epochs <N>")]
    [Description("VAE training epochs of the pendulum model (default 12).")]
    public int? PendulumEpochs { get; init; }

    [CommandOption("--latent <D>")]
    [Description("Latent dimension of the arm VAEs (default 8).")]
    public int? Latent { get; init; }

    [CommandOption("--pendulum-latent <D>")]
    [Description("Latent dimension of the pendulum VAE (default 4).")]
    public int? PendulumLatent { get; init; }

    [CommandOption("--batch-size <B>")]
    [Description("VAE mini-batch size (default 32).")]
    public int? BatchSize { get; init; }

    [CommandOption("--beta <B>")]
    [Description("Weight on the KL term (default 1).")]
    public double? Beta { get; init; }

    [CommandOption("--dynamics-epochs <N>")]
    [Description("Training epochs of the latent dynamics models (default 60).")]
    public int? DynamicsEpochs { get; init; }

    [CommandOption("--horizon <H>")]
    [Description("Open-loop prediction horizon (default 20).")]
    public int? Horizon { get; init; }

    public ExperimentOptions ToOptions() => RobotOptions.Guard(() =>
    {
        var d = new ExperimentOptions { WorkDirectory = Out, ReportPath = Report, Seed = Seed };
        return d with
        {
            ArmEpisodes = ArmEpisodes ?? d.ArmEpisodes,
            PendulumEpisodes = PendulumEpisodes ?? d.PendulumEpisodes,
            Steps = Steps ?? d.Steps,
            ArmEpochs = Epochs ?? d.ArmEpochs,
            PendulumEpochs = PendulumEpochs ?? d.PendulumEpochs,
            ArmLatent = Latent ?? d.ArmLatent,
            PendulumLatent = PendulumLatent ?? d.PendulumLatent,
            BatchSize = BatchSize ?? d.BatchSize,
            Beta = Beta ?? d.Beta,
            DynamicsEpochs = DynamicsEpochs ?? d.DynamicsEpochs,
            Horizon = Horizon ?? d.Horizon,
        };
    });
}

[Description("The robotics experiment end to end: simulate the arm (one and two frames per example) and the pendulum, train convolutional VAEs, probe them against PCA, fit latent dynamics models, dream, and write the Markdown report with its pictures (about 20 CPU-minutes with the defaults; one libtorch thread unless --threads is given).")]
public sealed class RobotExperimentCommand(CliConsole console) : Command<RobotExperimentSettings>
{
    public override int Execute(CommandContext context, RobotExperimentSettings s, CancellationToken cancel)
    {
        var options = s.ToOptions();
        var device = s.Setup();
        // Unless --threads says otherwise, one libtorch thread: on a shared 2-core machine a second thread
        // mostly waits for a core (measured here: 151 against 24 training examples per second).
        if (s.Threads is null) torch.set_num_threads(1);
        var result = RoboticsExperiment.Run(options, device, console.Out, console.TrainingProgress(), cancel);
        var markdown = RoboticsReport.Render(result, RobotOptions.CommandLine(context), torch.get_num_threads());
        AtomicFile.WriteAllText(options.ReportPath, markdown);
        console.WriteLine($"Report: {options.ReportPath} (pictures in {RoboticsExperiment.PicturesDirectory(options.ReportPath)}/).");
        return ExitCodes.Ok;
    }
}
