using System.ComponentModel;
using Spectre.Console.Cli;
using Vae.Data;
using Vae.Distributions;
using Vae.Models;
using Vae.Nn;
using Vae.Objectives;
using Vae.Training;

namespace Vae.Cli.Commands;

public class TrainSettings : CommonSettings
{
    [CommandOption("--data <SOURCE>")]
    [Description("Data: fashion-mnist (default), mnist:<dir>, csv:<file>.")]
    public string Data { get; init; } = "fashion-mnist";

    [CommandOption("--label-column <NAME>")]
    [Description("For csv data: the label column (name or 0-based index).")]
    public string? LabelColumn { get; init; }

    [CommandOption("--model <KIND>")]
    [Description("mlp (default), conv, ae (deterministic MLP autoencoder) or conv-ae.")]
    public string Model { get; init; } = "mlp";

    [CommandOption("--latent <D>")]
    [Description("Latent dimension d (default 20).")]
    public int Latent { get; init; } = 20;

    [CommandOption("--hidden <SIZES>")]
    [Description("Hidden layer widths, comma-separated (default 400 for mlp, 256 for conv's dense layer).")]
    public string? Hidden { get; init; }

    [CommandOption("--channels <SIZES>")]
    [Description("Conv models: channels per convolution stage (default 32,64 for 28x28; 32,32,64,64 for 64x64).")]
    public string? Channels { get; init; }

    [CommandOption("--activation <NAME>")]
    [Description("relu (default), leaky-relu, elu, tanh, gelu, silu, softplus.")]
    public string Activation { get; init; } = "relu";

    [CommandOption("--likelihood <NAME>")]
    [Description("bernoulli (default), gaussian (fixed sigma), gaussian-learned, gaussian-optimal (sigma^2 = MSE), gaussian-per-feature; for counts: poisson, nb (negative-binomial), zinb (zero-inflated-negative-binomial).")]
    public string Likelihood { get; init; } = "bernoulli";

    [CommandOption("--sigma <S>")]
    [Description("Gaussian sigma: fixed value, or the initial value of a learned one (default 1).")]
    public double Sigma { get; init; } = 1.0;

    [CommandOption("--sigma-floor <S>")]
    [Description("Smallest sigma a learned or calibrated Gaussian may reach (default 0.001; 0 = unbounded).")]
    public double SigmaFloor { get; init; } = 1e-3;

    [CommandOption("--beta <B>")]
    [Description("Weight on the KL term (default 1: the ELBO).")]
    public double Beta { get; init; } = 1.0;

    [CommandOption("--epochs <N>")]
    [Description("Epochs to train (default 10). With --resume: the new total.")]
    public int? Epochs { get; init; }

    [CommandOption("--batch-size <B>")]
    [Description("Mini-batch size (default 128).")]
    public int BatchSize { get; init; } = 128;

    [CommandOption("--lr <X>")]
    [Description("Adam learning rate (default 0.001).")]
    public double LearningRate { get; init; } = 1e-3;

    [CommandOption("--lr-schedule <NAME>")]
    [Description("constant (default), step (x gamma every --lr-step epochs) or plateau (x gamma after --lr-patience epochs without validation improvement).")]
    public string LrSchedule { get; init; } = "constant";

    [CommandOption("--lr-step <N>")]
    [Description("Epochs between step decays (default 10).")]
    public int LrStep { get; init; } = 10;

    [CommandOption("--lr-gamma <G>")]
    [Description("Decay factor of the learning-rate schedules (default 0.5).")]
    public double LrGamma { get; init; } = 0.5;

    [CommandOption("--lr-patience <N>")]
    [Description("Plateau schedule: epochs without improvement before a decay (default 5).")]
    public int LrPatience { get; init; } = 5;

    [CommandOption("--patience <N>")]
    [Description("Early stopping: stop after N epochs without a better validation ELBO (default: off). The best weights are kept either way.")]
    public int? Patience { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Seed of weights, batch order and noise; the same seed gives the same numbers (default 1).")]
    public int Seed { get; init; } = 1;

    [CommandOption("--binarize <MODE>")]
    [Description("auto (default: dynamic for bernoulli on [[0,1]] data, else none), dynamic, static or none.")]
    public string Binarize { get; init; } = "auto";

    [CommandOption("--val-size <N>")]
    [Description("Training examples held out for validation (default 5000; 0 trains on all).")]
    public int ValSize { get; init; } = 5000;

    [CommandOption("--train-size <N>")]
    [Description("Use only the first N training examples (default: all).")]
    public int? TrainSize { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("The model folder to write (required unless --resume).")]
    public string? Out { get; init; }

    [CommandOption("--resume <DIR>")]
    [Description("Continue the run in this model folder (its config is used; --epochs may extend it).")]
    public string? Resume { get; init; }

    [CommandOption("--overwrite")]
    [Description("Replace a model already in --out.")]
    public bool Overwrite { get; init; }

    /// <summary>The run these options describe.</summary>
    public RunConfig ToRunConfig()
    {
        var (kind, arch) = Model.Trim().ToLowerInvariant() switch
        {
            "mlp" => (ModelKind.Vae, Architecture.Mlp),
            "conv" => (ModelKind.Vae, Architecture.Conv),
            "ae" => (ModelKind.Autoencoder, Architecture.Mlp),
            "conv-ae" => (ModelKind.Autoencoder, Architecture.Conv),
            _ => throw new VaeException($"--model: unknown model '{Model}'; valid models: mlp, conv, ae, conv-ae."),
        };
        var preset = arch == Architecture.Conv ? ModelOptions.MnistConv : ModelOptions.MnistMlp;
        return Guard(() => new RunConfig
        {
            Model = preset with
            {
                Kind = kind,
                Latent = Latent > 0 ? Latent : throw new VaeException($"--latent {Latent}: the latent dimension must be ≥ 1."),
                Hidden = Hidden is null ? preset.Hidden : Names.ParseInts(Hidden, "--hidden"),
                Channels = Channels is null ? null : Names.ParseInts(Channels, "--channels"),
                Activation = Names.Parse<ActivationKind>(Activation, "--activation"),
                Likelihood = Names.Parse<LikelihoodKind>(Likelihood, "--likelihood"),
                Sigma = Sigma,
                SigmaFloor = SigmaFloor,
            },
            Data = new DataOptions
            {
                Source = Data,
                LabelColumn = LabelColumn,
                Binarize = Names.Parse<BinarizeMode>(Binarize, "--binarize"),
                ValidationSize = ValSize,
                TrainLimit = TrainSize,
            },
            Objective = new ObjectiveOptions { Beta = Beta },
            Training = new TrainingOptions
            {
                Epochs = Epochs ?? 10,
                BatchSize = BatchSize,
                LearningRate = LearningRate,
                Seed = Seed,
                LrSchedule = Names.Parse<LrSchedule>(LrSchedule, "--lr-schedule"),
                LrStepEpochs = LrStep,
                LrGamma = LrGamma,
                LrPatience = LrPatience,
                EarlyStoppingPatience = Patience,
            },
        });
    }

    /// <summary>Turns an options record's validation error into a message naming the command-line option.</summary>
    public static T Guard<T>(Func<T> build)
    {
        try { return build(); }
        catch (ArgumentOutOfRangeException e) { throw new VaeException(OptionMessage(e)); }
    }

    static readonly Dictionary<string, string> OptionNames = new()
    {
        ["Latent"] = "--latent", ["Hidden"] = "--hidden", ["Sigma"] = "--sigma", ["SigmaFloor"] = "--sigma-floor",
        ["Beta"] = "--beta", ["Epochs"] = "--epochs", ["BatchSize"] = "--batch-size", ["LearningRate"] = "--lr",
        ["LrStepEpochs"] = "--lr-step", ["LrGamma"] = "--lr-gamma", ["LrPatience"] = "--lr-patience",
        ["EarlyStoppingPatience"] = "--patience", ["ValidationSize"] = "--val-size", ["TrainLimit"] = "--train-size",
    };

    static string OptionMessage(ArgumentOutOfRangeException e)
    {
        string option = e.ParamName is not null && OptionNames.TryGetValue(e.ParamName, out var o) ? o : e.ParamName ?? "option";
        string reason = e.Message.Split('\n')[0];
        int colon = reason.IndexOf(": ", StringComparison.Ordinal);
        if (colon >= 0) reason = reason[(colon + 2)..];
        int paren = reason.IndexOf(" (Parameter", StringComparison.Ordinal);
        if (paren >= 0) reason = reason[..paren];
        return $"{option} {e.ActualValue}: {reason.TrimEnd('.')}.";
    }
}
