using static TorchSharp.torch;


namespace Vae.Cli.Commands;

public sealed class FidSettings : ModelSettings
{
    [CommandOption("-n <N>")]
    [Description("Generated samples and real test images compared (default 10000). Also --n.")]
    [DefaultValue(10000)]
    public int N { get; init; } = 10000;

    [CommandOption("--prior <SOURCE>")]
    [Description("Latent codes of the samples: standard (z ~ N(0, I), default) or fitted (a Gaussian fitted to the encoder means of training data; the usual way to sample an autoencoder).")]
    [DefaultValue("standard")]
    public string Prior { get; init; } = "standard";

    [CommandOption("--sampler <NAME>")]
    [Description("Score samples whose z a latent sampler drew instead of a --prior source: prior, gmm or two-stage (fitted on first use and saved in the model folder, as by `vae sample`).")]
    public string? Sampler { get; init; }

    [CommandOption("--refit")]
    [Description("With --sampler: fit the sampler again even if the model folder holds one.")]
    public bool Refit { get; init; }

    [CommandOption("--components <K>")]
    [Description("With --sampler gmm: the number of mixture components (default 10).")]
    public int? Components { get; init; }

    [CommandOption("--classifier <DIR>")]
    [Description("Folder of the feature classifier; trained on the model's data (labels needed) and saved there on first use (default runs/classifier).")]
    [DefaultValue("runs/classifier")]
    public string Classifier { get; init; } = "runs/classifier";

    [CommandOption("--seed <S>")]
    [Description("Seed of the latent codes (default 0).")]
    public int Seed { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object: fid, recon_mse, recon_nll, n, prior, classifier_accuracy.")]
    public bool Json { get; init; }
}

[Description("Sample quality and reconstruction: a Fréchet distance between classifier features of decoded samples and of test images (FID-style), and the test reconstruction error at z = mu(x).")]
public sealed class FidCommand(CliConsole console) : Command<FidSettings>
{
    public override int Execute(CommandContext context, FidSettings s, CancellationToken cancel)
    {
        if (s.N < 2) throw new VaeException($"--n {s.N}: must be ≥ 2.");
        var device = s.Setup();
        var source = Names.Parse<LatentSource>(s.Prior, "--prior");
        if (s.Sampler is not null && source != LatentSource.Standard) throw new VaeException($"--prior {s.Prior} and --sampler {s.Sampler}: give one source of z, not both.");
        if (s.Sampler is null && (s.Refit || s.Components is not null)) throw new VaeException("--refit and --components go with --sampler.");
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        var z = s.Sampler is null ? null : Draw(loaded, s, device);
        var (classifier, accuracy) = FeatureClassifier.LoadOrTrain(s.Classifier, loaded.Config.Data with { ValidationSize = 0, TrainLimit = null }, device,
            s.Json ? null : console.Err.WriteLine);
        using (classifier)
        {
            var r = z is null
                ? SampleQuality.Measure(loaded.Model, loaded.Config, classifier, accuracy, device, s.N, source, s.Seed)
                : SampleQuality.Measure(loaded.Model, loaded.Config, classifier, accuracy, device, z, s.Sampler!);
            if (s.Json)
            {
                console.WriteJson(FidResult.From(r));
                return ExitCodes.Ok;
            }
            console.WriteLine($"{s.ModelDir}: {r.N:N0} samples with z from the {(r.Sampler is null ? Names.Of(r.Source) + " source" : r.Sampler + " sampler")}, against {r.N:N0} test images");
            console.WriteLine($"  Fréchet distance of classifier features  {r.Fid,10:F3}   (classifier test accuracy {r.ClassifierAccuracy:P2})");
            console.WriteLine($"  reconstruction MSE at z = mu(x)          {r.ReconstructionMse,10:F3}   (per example, summed over pixels)");
            console.WriteLine($"  reconstruction -log p(x|z = mu(x))       {r.ReconstructionNll,10:F3}   nats");
        }
        return ExitCodes.Ok;
    }

    // n codes [n·d] from the --sampler, seeded by --seed.
    float[] Draw(LoadedModel loaded, FidSettings s, Device device)
    {
        using var sampler = SamplerChoice.Open(loaded, s.Sampler!, s.Refit, s.Components, device, s.Json ? null : console.Err.WriteLine);
        using var generator = new Generator((ulong)s.Seed, device);
        using var z = sampler.Sample(s.N, device, generator);
        return z.cpu().to(ScalarType.Float32).data<float>().ToArray();
    }
}
