using Vae.Applications.Robotics;


namespace Vae.Cli.Commands.Robotics;

public sealed class RobotDreamSettings : ModelSettings
{
    [CommandOption("--data <DIR>")]
    [Description("The data folder written by `./vae robot simulate` (default: the folder the model was trained on).")]
    public string? Data { get; init; }

    [CommandOption("--horizon <H>")]
    [Description("Frames predicted open loop (default 20).")]
    [DefaultValue(20)]
    public int Horizon { get; init; } = 20;

    [CommandOption("--out <FILE>")]
    [Description("The PNG strip to write: per episode the real frames, then the dream (required).")]
    public string? Out { get; init; }

    [CommandOption("--episodes <N>")]
    [Description("Held-out episodes shown in the strip (default 3).")]
    [DefaultValue(3)]
    public int Episodes { get; init; } = 3;

    [CommandOption("--start <T>")]
    [Description("Step at which the dreams start, and the earliest start of the error windows (default 3).")]
    [DefaultValue(3)]
    public int Start { get; init; } = 3;

    [CommandOption("--stride <N>")]
    [Description("Steps between the start points of the error windows within an episode (default 5).")]
    [DefaultValue(5)]
    public int Stride { get; init; } = 5;

    [CommandOption("--context <K>")]
    [Description("Latents the dynamics model sees, z(t-K+1) … z(t) (default 2). Giving it (or --epochs, --unroll) trains a new model.")]
    public int? Context { get; init; }

    [CommandOption("--epochs <N>")]
    [Description("Training epochs of the dynamics model (default 60).")]
    public int? Epochs { get; init; }

    [CommandOption("--unroll <N>")]
    [Description("Open-loop steps per training window (default 10).")]
    public int? Unroll { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Seed of the dynamics model's weights and window order (default 1).")]
    [DefaultValue(1)]
    public int Seed { get; init; } = 1;

    [CommandOption("--retrain")]
    [Description("Train a new dynamics model even if the model folder holds one (dynamics.dat).")]
    public bool Retrain { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object with the errors per horizon (latent and pixel, model and no-change baseline, decoding floor).")]
    public bool Json { get; init; }

    public DynamicsOptions ToOptions() => RobotOptions.Guard(() =>
    {
        var o = new DynamicsOptions { Seed = Seed };
        if (Context is int k) o = o with { Context = k };
        if (Epochs is int e) o = o with { Epochs = e };
        if (Unroll is int u) o = o with { Unroll = u };
        return o;
    });
}

[Description("Train (or reuse) a latent dynamics model z(t+1) = f(z, action) on the VAE's latents, measure its open-loop prediction error on the held-out episodes against a no-change baseline, and write a decoded dream beside the real frames as a PNG strip.")]
public sealed class RobotDreamCommand(CliConsole console) : Command<RobotDreamSettings>
{
    public override int Execute(CommandContext context, RobotDreamSettings s, CancellationToken cancel)
    {
        string output = s.Out ?? throw new VaeException("--out <FILE> is required (the PNG strip to write).");
        if (!output.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new VaeException($"--out {output}: use a .png file name.");
        if (s.Horizon < 1) throw new VaeException($"--horizon {s.Horizon}: must be ≥ 1.");
        if (s.Episodes < 1) throw new VaeException($"--episodes {s.Episodes}: must be ≥ 1.");
        if (s.Stride < 1) throw new VaeException($"--stride {s.Stride}: must be ≥ 1.");
        var device = s.Setup();
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        var data = RobotDataOption.Load(s.Data, loaded.Config);
        var options = s.ToOptions();
        bool explicitOptions = s.Context is not null || s.Epochs is not null || s.Unroll is not null;
        if (!s.Json) console.Err.WriteLine(DynamicsFolder.Exists(s.ModelDir) && !s.Retrain && !explicitOptions
            ? $"Using the dynamics model in {s.ModelDir}/{DynamicsFolder.WeightsFile}."
            : $"Training a latent dynamics model (context {options.Context}, {options.Epochs} epochs, {options.Unroll}-step unroll) on the training episodes …");
        var (dynamics, _) = WorldModel.LoadOrFit(s.ModelDir, loaded.Model, data, options, s.Retrain || explicitOptions, device);
        var test = LatentEpisodes.Encode(loaded.Model, data.Test, data.TestStates, data.Info.Options, device);
        var errors = RolloutEvaluator.Evaluate(dynamics, loaded.Model, test, data.Test, s.Horizon, s.Start, s.Stride, device);
        int frameChannels = data.Info.ImageShape.Channels / data.Info.Options.Stack;
        var shown = Enumerable.Range(0, Math.Min(s.Episodes, test.Count)).ToList();
        var strip = DreamStrip.Render(dynamics, loaded.Model, test, data.Test, frameChannels, shown, Math.Max(s.Start, dynamics.Context - 1), s.Horizon, device);
        ImageGrid.Save(output, strip.Images, strip.Shape, strip.Columns);
        if (s.Json)
        {
            console.WriteJson(RobotDreamResult.From(s.Horizon, dynamics.Context, errors));
            return ExitCodes.Ok;
        }
        console.WriteLine($"Open-loop prediction on {errors.Windows} held-out windows (context {dynamics.Context}); latent: squared distance to the encoded frame; pixels: squared error per frame.");
        console.WriteLine($"  {"horizon",7} {"latent model",13} {"no change",10} {"pixel model",12} {"no change",10} {"floor",8}");
        for (int k = 0; k < errors.Horizon; k++)
            console.WriteLine($"  {k + 1,7} {errors.LatentModel[k],13:F3} {errors.LatentNoChange[k],10:F3} {errors.PixelModel[k],12:F1} {errors.PixelNoChange[k],10:F1} {errors.PixelFloor[k],8:F1}");
        console.WriteLine($"Dream strip: {output} (per episode: real frames, then the reconstruction of the first and the dreamed frames).");
        return ExitCodes.Ok;
    }
}
