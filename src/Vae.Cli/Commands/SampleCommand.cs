using static TorchSharp.torch;

namespace Vae.Cli.Commands;

public sealed class SampleSettings : ModelSettings
{
    [CommandOption("-n <N>")]
    [Description("Number of samples (default 64). Also --n.")]
    [DefaultValue(64)]
    public int N { get; init; } = 64;

    [CommandOption("--out <FILE>")]
    [Description("Output: a .png grid (images) or a .csv table.")]
    [DefaultValue("samples.png")]
    public string Out { get; init; } = "samples.png";

    [CommandOption("--sampler <NAME>")]
    [Description("Where z comes from: prior (default: z ~ p(z)), gmm (a Gaussian mixture fitted to the posterior means of the training data) , two-stage (a second VAE trained on them, Dai & Wipf 2019) or pixelcnn (a PixelCNN prior over a VQ-VAE's code grid). A fitted sampler is fitted on first use and saved in the model folder.")]
    [DefaultValue("prior")]
    public string Sampler { get; init; } = "prior";

    [CommandOption("--refit")]
    [Description("Fit the sampler again even if the model folder holds one.")]
    public bool Refit { get; init; }

    [CommandOption("--components <K>")]
    [Description("gmm: the number of mixture components (default 10); a saved mixture with another number is fitted again.")]
    public int? Components { get; init; }

    [CommandOption("--label <CLASS>")]
    [Description("A conditional VAE (trained with --condition label): the class to generate, by index (0..K-1) or name (e.g. 3 or Dress).")]
    public string? Label { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Seed of the sampler's draws of z (default 0).")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--draw")]
    [Description("Draw x ~ p(x|z) instead of showing the mean E[[x|z]].")]
    public bool Draw { get; init; }

    [CommandOption("--columns <C>")]
    [Description("Images per row of the grid (default 8).")]
    [DefaultValue(8)]
    public int Columns { get; init; } = 8;
}

[Description("Decode z from the model's prior (N(0, I), a VampPrior's mixture, a two-layer model's p(z1|z2) p(z2)) or a fitted latent sampler (--sampler) into new examples: a PNG grid or a CSV.")]
public sealed class SampleCommand(CliConsole console) : Command<SampleSettings>
{
    public override int Execute(CommandContext context, SampleSettings s, CancellationToken cancel)
    {
        if (s.N < 1) throw new VaeException($"--n {s.N}: must be ≥ 1.");
        if (s.Columns < 1) throw new VaeException($"--columns {s.Columns}: must be ≥ 1.");
        var device = s.Setup();
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        var condition = LabelCondition(loaded.Config, s.Label);
        using var sampler = SamplerChoice.Open(loaded, s.Sampler, s.Refit, s.Components, device, console.Err.WriteLine);
        using var generator = new Generator((ulong)s.Seed, device);
        using var z = sampler.Sample(s.N, device, generator);
        var x = Generation.Generate(loaded.Model, z, device, generator, s.Draw, condition);
        Outputs.WriteExamples(s.Out, x, loaded.Config.Model.Input, s.Columns);
        string of = s.Label is null ? "" : $" of class {loaded.Config.Data.ConditionClasses![LabelConditions.IndexOf(loaded.Config.Data.ConditionClasses, s.Label)]}";
        console.WriteLine($"Wrote {s.N} samples{of} with z from the {s.Sampler} sampler to {s.Out}");
        return ExitCodes.Ok;
    }

    /// <summary>The one-hot condition --label names, or null for a model without a label condition; errors for a mismatch.</summary>
    static float[]? LabelCondition(RunConfig config, string? label)
    {
        var classes = config.Data.ConditionClasses;
        if (label is null)
            return classes is null ? null
                : throw new VaeException($"--label: this model is a conditional VAE; name the class to generate, 0..{classes.Length - 1} ({string.Join(", ", classes)}).");
        if (classes is null)
            throw new VaeException($"--label {label}: this model is not conditioned on a class label (train it with --condition label).");
        return LabelConditions.Row(classes, label);
    }
}
