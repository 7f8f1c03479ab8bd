using Vae.Applications.Disentanglement;
using Vae.Distributions;
using Vae.Models;

namespace Vae.Cli.Commands.Disentanglement;

public sealed class DisentangleSettings : CommonSettings
{
    [CommandArgument(0, "[model-dir]")]
    [Description("A model folder written by `vae train` on a data set with known factors; its encoder means are the representation.")]
    public string? ModelDir { get; init; }

    [CommandOption("--data <SPEC>")]
    [Description("The factor data set: a folder written by `vae dsprites` (or mnist:<dir>), or a generator name (dsprites, shaded). Default: the model's training data.")]
    public string? Data { get; init; }

    [CommandOption("--codes <KIND>")]
    [Description("Instead of a model, score synthetic codes: factors (the true factors, standardized) or rotation (a random rotation of them, from --seed).")]
    public string? Codes { get; init; }

    [CommandOption("--metrics <LIST>")]
    [Description("Comma-separated: beta-vae, factor-vae, mig, dci, sap, modularity (default: all).")]
    public string? Metrics { get; init; }

    [CommandOption("--scale <F>")]
    [Description("Multiply every sample size by F (default 1: disentanglement_lib's sizes, about 3 million encoded images in all; 0.1 for a quick look).")]
    [DefaultValue(1.0)]
    public double Scale { get; init; } = 1.0;

    [CommandOption("--vote-points <N>")]
    [Description("Training points of the BetaVAE and FactorVAE classifiers, with N/2 evaluation points (default 10,000, as disentanglement_lib; each point encodes 64 or 128 images, so these two metrics cost 90% of the time).")]
    public int? VotePoints { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Seed of every metric's random draws (default 0, as disentanglement_lib), of --codes rotation and of the traversal's start image.")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--sap-continuous")]
    [Description("SAP with R² of each code and factor instead of a linear SVM's accuracy.")]
    public bool SapContinuous { get; init; }

    [CommandOption("--dci-trees <NAME>")]
    [Description("DCI's classifier: gradient-boosting (default: scikit-learn's algorithm, as disentanglement_lib) or fast-tree (ML.NET FastTree; its importances are not comparable).")]
    [DefaultValue("gradient-boosting")]
    public string DciTrees { get; init; } = "gradient-boosting";

    [CommandOption("--traversal <PNG>")]
    [Description("Also write a latent traversal grid: row j sweeps latent dimension j, the others fixed at the code of one random image.")]
    public string? Traversal { get; init; }

    [CommandOption("--traversal-steps <N>")]
    [Description("Columns of the traversal grid (default 10).")]
    [DefaultValue(10)]
    public int TraversalSteps { get; init; } = 10;

    [CommandOption("--traversal-span <X>")]
    [Description("Each dimension is swept from -X to X (default 2).")]
    [DefaultValue(2.0)]
    public double TraversalSpan { get; init; } = 2.0;

    [CommandOption("--json")]
    [Description("Print one JSON object: beta_vae, factor_vae, mig, dci_disentanglement, dci_completeness, dci_informativeness, sap, modularity (null when not computed).")]
    public bool Json { get; init; }
}

[Description("Score a representation with the disentanglement metrics of disentanglement_lib: BetaVAE, FactorVAE, MIG, DCI, SAP, modularity; optionally draw a latent traversal.")]
public sealed class DisentangleCommand(CliConsole console) : Command<DisentangleSettings>
{
    public override int Execute(CommandContext context, DisentangleSettings s, CancellationToken cancel)
    {
        if ((s.ModelDir is null) == (s.Codes is null)) throw new VaeException("give either a model folder or --codes factors|rotation.");
        if (s.Traversal is not null && s.ModelDir is null) throw new VaeException("--traversal: needs a model folder.");
        if (s.VotePoints is < 2) throw new VaeException($"--vote-points {s.VotePoints}: must be ≥ 2.");
        var options = TrainSettings.Guard(() => new MetricOptions
        {
            Seed = s.Seed, SapContinuous = s.SapContinuous, DciTrees = Names.Parse<DciTrees>(s.DciTrees, "--dci-trees"),
        }.Scaled(s.Scale));
        if (s.VotePoints is int points) options = options with { VoteTrain = points, VoteEval = points / 2 };
        var metrics = s.Metrics is null ? DisentanglementMetrics.All
            : s.Metrics.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(m => Names.Parse<DisentanglementMetric>(m, "--metrics")).ToArray();
        var device = s.Setup();
        Action<string>? log = s.Json ? null : m => console.Err.WriteLine(m);

        DisentanglementScores scores;
        string what;
        if (s.Codes is not null)
        {
            if (s.Data is null) throw new VaeException("--codes: name the factor data set with --data.");
            var data = new FactorValues(FactorDatasetFolder.Open(s.Data));
            var representation = s.Codes.Trim().ToLowerInvariant() switch
            {
                "factors" => Representations.Identity,
                "rotation" => Representations.Linear(Representations.RandomRotation(data.FactorCount, s.Seed)),
                _ => throw new VaeException($"--codes: unknown kind '{s.Codes}'; use factors or rotation."),
            };
            what = $"{s.Codes} of {data.Source.Name}";
            scores = DisentanglementMetrics.Evaluate(data, representation, options, metrics, log);
        }
        else
        {
            using var loaded = ModelFolder.Load(s.ModelDir!, device);
            var data = FactorDatasetFolder.Open(s.Data ?? loaded.Config.Data.Source);
            if (loaded.Model.Options.Input != data.Shape)
                throw new VaeException($"{s.ModelDir}: the model takes {loaded.Model.Options.Input} inputs but {data.Name} images are {data.Shape}.");
            what = $"{s.ModelDir} on {data.Name}";
            scores = DisentanglementMetrics.Evaluate(data, Representations.EncoderMean(loaded.Model, device), options, metrics, log);
            if (s.Traversal is not null) WriteTraversal(s, loaded.Model, data, device);
        }

        if (s.Json)
        {
            console.WriteJson(scores);
            return ExitCodes.Ok;
        }
        console.WriteLine($"{what}: disentanglement metrics (seed {s.Seed}; {options.VoteTrain:N0}/{options.VoteEval:N0} BetaVAE and FactorVAE points, {options.Train:N0}/{options.Test:N0} samples for the others)");
        foreach (var (name, value) in new (string, double?)[]
        {
            ("BetaVAE score", scores.BetaVae), ("FactorVAE score", scores.FactorVae), ("MIG", scores.Mig),
            ("DCI disentanglement", scores.DciDisentanglement), ("DCI completeness", scores.DciCompleteness),
            ("DCI informativeness", scores.DciInformativeness), ("SAP", scores.Sap), ("modularity", scores.Modularity),
        })
            if (value is double v) console.WriteLine($"  {name,-20} {v,7:F3}");
        return ExitCodes.Ok;
    }

    void WriteTraversal(DisentangleSettings s, VaeModel model, FactorDataset data, TorchSharp.torch.Device device)
    {
        var random = new Random(s.Seed);
        var start = data.Render(data.SampleFactors(1, random));
        var (mean, _) = Generation.Encode(model, new Dataset("start", start, data.Shape), device);
        var images = LatentTraversal.Decode(model, mean, s.TraversalSteps, s.TraversalSpan, device);
        ImageGrid.Save(s.Traversal!, images, data.Shape, s.TraversalSteps);
        // how much each dimension is used: mean KL(q(z_j|x) ‖ N(0, 1)) over 1,000 random images
        var sample = data.Render(data.SampleFactors(1000, random));
        var (mu, sigma) = Generation.Encode(model, new Dataset("sample", sample, data.Shape), device);
        int d = model.Latent;
        var kl = GaussianKl.MeanPerDimension(mu, sigma, d);
        if (!s.Json)
        {
            console.WriteLine($"Wrote the traversal ({d} rows × {s.TraversalSteps} steps from -{s.TraversalSpan} to {s.TraversalSpan}) to {s.Traversal}");
            console.WriteLine("  mean KL per row (nats): " + string.Join("  ", kl.Select((k, j) => $"{j}:{k:F2}")));
        }
    }
}
