using Vae.Samplers;
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

    [CommandOption("--seed <S>")]
    [Description("Seed of z ~ N(0, I) (default 0).")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--sampler <NAME>")]
    [Description("Where z comes from: prior (default: z ~ p(z)) or a sampler fitted after training to the codes of the training data: pixelcnn (a PixelCNN prior over a VQ-VAE's code grid). A fitted sampler is fitted on first use and saved in the model folder; --refit fits it again.")]
    public string? Sampler { get; init; }

    [CommandOption("--refit")]
    [Description("With --sampler: fit the sampler again even if the model folder has one.")]
    public bool Refit { get; init; }

    [CommandOption("--draw")]
    [Description("Draw x ~ p(x|z) instead of showing the mean E[[x|z]].")]
    public bool Draw { get; init; }

    [CommandOption("--columns <C>")]
    [Description("Images per row of the grid (default 8).")]
    [DefaultValue(8)]
    public int Columns { get; init; } = 8;
}

[Description("Decode z ~ N(0, I) into new examples: a PNG grid or a CSV.")]
public sealed class SampleCommand(CliConsole console) : Command<SampleSettings>
{
    public override int Execute(CommandContext context, SampleSettings s, CancellationToken cancel)
    {
        if (s.N < 1) throw new VaeException($"--n {s.N}: must be ≥ 1.");
        if (s.Columns < 1) throw new VaeException($"--columns {s.Columns}: must be ≥ 1.");
        var device = s.Setup();
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        var x = s.Sampler is null ? Generation.Sample(loaded.Model, s.N, device, s.Seed, s.Draw) : FromSampler(s, loaded, device);
        Outputs.WriteExamples(s.Out, x, loaded.Config.Model.Input, s.Columns);
        console.WriteLine($"Wrote {s.N} samples to {s.Out}");
        return ExitCodes.Ok;
    }

    // z from the named sampler (loaded from the model folder, or fitted there first), decoded
    float[] FromSampler(SampleSettings s, LoadedModel loaded, Device device)
    {
        var kind = LatentSamplers.Find(s.Sampler!.Trim());
        using var sampler = (s.Refit ? null : kind.Load(loaded.Model, s.ModelDir, device)) ?? Fit(kind, loaded, device);
        using var generator = new Generator((ulong)s.Seed, device);
        using var scope = NewDisposeScope();
        return Generation.Generate(loaded.Model, sampler.Sample(s.N, device, generator), s.Draw, generator);
    }

    LatentSampler Fit(SamplerKind kind, LoadedModel loaded, Device device)
    {
        // The examples the model was trained on (without the validation rows), binarized once as evaluations see them.
        var train = EvaluationData.Validation(loaded.Config, DataSources.Load(loaded.Config.Data).Train);
        var progress = new Progress(console);
        return kind.Fit(new SamplerFit(loaded.Model, train, loaded.Directory, device, loaded.Config.Training.Seed, progress));
    }

    /// <summary>Writes each progress line to standard error as it comes (IProgress's synchronous form: Progress&lt;T&gt; would post to the thread pool).</summary>
    sealed class Progress(CliConsole console) : IProgress<string>
    {
        public void Report(string value) => console.Err.WriteLine(value);
    }
}
