using Vae.Distributions;
using Vae.Nn;
using Vae.Objectives;

namespace Vae.Cli.Commands;
/// <summary>The objective's options: β, KL schedules, free bits, and the β-VAE family (--objective).</summary>
public partial class TrainSettings
{
    [CommandOption("--beta <B>")]
    [Description("Weight on the KL term (default 1: the ELBO). `vae sweep` takes a comma-separated list.")]
    public string Beta { get; init; } = "1";

    [CommandOption("--kl-schedule <NAME>")]
    [Description("KL weight over training: constant (default), linear (warm-up from --kl-start to 1 over --kl-warmup) or cyclical (--kl-cycles cycles, rising for --kl-ratio of each).")]
    public string KlSchedule { get; init; } = "constant";

    [CommandOption("--kl-start <W>")]
    [Description("Linear warm-up: the KL weight at the start (default 0).")]
    public double KlStart { get; init; }

    [CommandOption("--kl-warmup <N>")]
    [Description("Linear warm-up length, in --kl-warmup-unit (default 10).")]
    public double KlWarmup { get; init; } = 10;

    [CommandOption("--kl-warmup-unit <UNIT>")]
    [Description("epochs (default) or steps.")]
    public string KlWarmupUnit { get; init; } = "epochs";

    [CommandOption("--kl-cycles <M>")]
    [Description("Cyclical annealing: number of cycles over the run (default 4).")]
    public int KlCycles { get; init; } = 4;

    [CommandOption("--kl-ratio <R>")]
    [Description("Cyclical annealing: fraction of each cycle spent rising (default 0.5).")]
    public double KlRatio { get; init; } = 0.5;

    [CommandOption("--free-bits <LAMBDA>")]
    [Description("Free bits: each group of latent dimensions pays at least LAMBDA nats of KL, so below it the KL has no gradient (default 0: off).")]
    public double FreeBits { get; init; }

    [CommandOption("--free-bits-group <G>")]
    [Description("Latent dimensions per free-bits group (default 1: per dimension).")]
    public int FreeBitsGroup { get; init; } = 1;

    [CommandOption("--objective <NAME>")]
    [Description("Training objective: elbo (default; with --beta > 1 the β-VAE), capacity (Burgess et al. 2018: γ|KL − C|, C rising to --capacity-max), beta-tcvae (Chen et al. 2018: --tc-weight on the total correlation), dip-vae-i, dip-vae-ii (Kumar et al. 2018: covariance penalties --dip-lambda-od, --dip-lambda-d), factor-vae (Kim and Mnih 2018: a discriminator's TC estimate weighted by --factor-gamma), or an importance-weighted bound (docs/models/iwae.md): iwae (Burda et al. 2015: K = --iw-samples samples), miwae (the mean of --iw-groups M bounds of K), ciwae (--ciwae-beta·ELBO + (1 − β)·IWAE) piwae (decoder on IWAE_{M·K}, encoder on MIWAE_{M,K}; Rainforth et al. 2018); wae-mmd (Tolstikhin et al. 2018: --mmd-weight on the MMD to the prior), info-vae (Zhao et al. 2019: --info-alpha, --info-lambda), rae-l2 or rae-gp (Ghosh et al. 2020: --rae-beta on ½‖z‖², --rae-decoder-decay or --rae-gp-weight on the decoder; docs/models/wae-rae.md).")]
    public string ObjectiveName { get; init; } = "elbo";

    [CommandOption("--capacity-max <C>")]
    [Description("capacity: the final capacity C_max in nats (default 25).")]
    public double? CapacityMax { get; init; }

    [CommandOption("--capacity-gamma <G>")]
    [Description("capacity: the weight γ on |KL − C| (default 1000).")]
    public double? CapacityGamma { get; init; }

    [CommandOption("--capacity-epochs <E>")]
    [Description("capacity: C rises linearly from 0 to C_max over E epochs (default 10).")]
    public double? CapacityEpochs { get; init; }

    [CommandOption("--capacity-steps <S>")]
    [Description("capacity: C rises over S optimizer steps instead of --capacity-epochs.")]
    public double? CapacitySteps { get; init; }

    [CommandOption("--tc-weight <B>")]
    [Description("beta-tcvae: the weight β on the total correlation (default 6; 1 gives the ELBO).")]
    public double? TcWeight { get; init; }

    [CommandOption("--dip-lambda-od <L>")]
    [Description("dip-vae-i, dip-vae-ii: the weight λ_od on the squared off-diagonal covariances (default 10).")]
    public double? DipLambdaOd { get; init; }

    [CommandOption("--dip-lambda-d <L>")]
    [Description("dip-vae-i, dip-vae-ii: the weight λ_d on the squared deviations of the variances from 1 (default 10 λ_od for dip-vae-i, λ_od for dip-vae-ii).")]
    public double? DipLambdaD { get; init; }

    [CommandOption("--factor-gamma <G>")]
    [Description("factor-vae: the weight γ on the discriminator's total-correlation estimate (default 10).")]
    public double? FactorGamma { get; init; }

    [CommandOption("--discriminator-hidden <W>")]
    [Description("factor-vae: width of the discriminator's hidden layers (default 256; the paper uses 1000).")]
    public int? DiscriminatorHidden { get; init; }

    [CommandOption("--discriminator-layers <L>")]
    [Description("factor-vae: hidden layers of the discriminator (default 3; the paper uses 6).")]
    public int? DiscriminatorLayers { get; init; }

    [CommandOption("--discriminator-lr <X>")]
    [Description("factor-vae: the discriminator's Adam learning rate (default 0.0001, β1 0.5, β2 0.9).")]
    public double? DiscriminatorLr { get; init; }


    /// <summary>The objective family of --objective (<see cref="ObjectiveOptions.Family"/>) and its options, or null for the ELBO and the β-VAE family.</summary>
    ObjectiveFamilyOptions? ObjectiveFamily() => ImportanceWeightedFamily(ObjectiveNameOf(ObjectiveKindOf())) ?? RegularizedFamily();

    /// <summary>The --objective value as the β-VAE family's enum (the ELBO for a family's name); an unknown name is an error listing them all.</summary>
    ObjectiveKind ObjectiveKindOf()
    {
        if (IsImportanceWeighted(ObjectiveName) || IsRegularizedObjective) return ObjectiveKind.Elbo;
        try { return Names.Parse<ObjectiveKind>(ObjectiveName, "--objective"); }
        catch (VaeException)
        {
            throw new VaeException($"--objective: unknown value '{ObjectiveName}'; valid values: {Names.List<ObjectiveKind>()}, {string.Join(", ", ImportanceWeightedNames.Concat(RegularizedObjectives))}.");
        }
    }

    /// <summary>The objective's name as messages say it (a family's own name, else the enum's).</summary>
    string ObjectiveNameOf(ObjectiveKind kind) => IsImportanceWeighted(ObjectiveName) || IsRegularizedObjective ? ObjectiveName.Trim().ToLowerInvariant() : Names.Of(kind);

    /// <summary>The β-VAE-family objective of --objective and its options (null for the ELBO); an option of another objective is an error.</summary>
    DisentanglingOptions? Disentangling()
    {
        var kind = ObjectiveKindOf();
        var dip = new[] { ObjectiveKind.DipVaeI, ObjectiveKind.DipVaeII };
        var owned = new (string Option, object? Value, ObjectiveKind[] For)[]
        {
            ("--capacity-max", CapacityMax, [ObjectiveKind.Capacity]), ("--capacity-gamma", CapacityGamma, [ObjectiveKind.Capacity]),
            ("--capacity-epochs", CapacityEpochs, [ObjectiveKind.Capacity]), ("--capacity-steps", CapacitySteps, [ObjectiveKind.Capacity]),
            ("--tc-weight", TcWeight, [ObjectiveKind.BetaTcvae]), ("--dip-lambda-od", DipLambdaOd, dip), ("--dip-lambda-d", DipLambdaD, dip),
            ("--factor-gamma", FactorGamma, [ObjectiveKind.FactorVae]), ("--discriminator-hidden", DiscriminatorHidden, [ObjectiveKind.FactorVae]),
            ("--discriminator-layers", DiscriminatorLayers, [ObjectiveKind.FactorVae]), ("--discriminator-lr", DiscriminatorLr, [ObjectiveKind.FactorVae]),
        };
        foreach (var (option, value, kinds) in owned)
            if (value is not null && !kinds.Contains(kind))
                throw new VaeException($"{option}: is an option of --objective {string.Join(" and ", kinds.Select(k => Names.Of(k)))}; this run's objective is {ObjectiveNameOf(kind)}.");
        if (CapacityEpochs is not null && CapacitySteps is not null) throw new VaeException("--capacity-epochs and --capacity-steps: give one of them.");
        if (kind == ObjectiveKind.Elbo) return null;
        var d = new DisentanglingOptions { Kind = kind };
        return d with
        {
            CapacityMax = CapacityMax ?? d.CapacityMax,
            CapacityGamma = CapacityGamma ?? d.CapacityGamma,
            CapacityLength = CapacitySteps ?? CapacityEpochs ?? d.CapacityLength,
            CapacityUnit = CapacitySteps is not null ? ScheduleUnit.Steps : ScheduleUnit.Epochs,
            TcWeight = TcWeight ?? d.TcWeight,
            DipOffDiagonal = DipLambdaOd ?? d.DipOffDiagonal,
            DipDiagonal = DipLambdaD,
            FactorGamma = FactorGamma ?? d.FactorGamma,
            DiscriminatorHidden = DiscriminatorHidden ?? d.DiscriminatorHidden,
            DiscriminatorLayers = DiscriminatorLayers ?? d.DiscriminatorLayers,
            DiscriminatorLearningRate = DiscriminatorLr ?? d.DiscriminatorLearningRate,
        };
    }
}
