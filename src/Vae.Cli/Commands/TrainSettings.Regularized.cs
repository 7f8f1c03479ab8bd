using Vae.Objectives;

namespace Vae.Cli.Commands;
/// <summary>The options of the objectives that regularize the codes' distribution: WAE-MMD, InfoVAE (MMD) and the RAEs.</summary>
public partial class TrainSettings
{
    [CommandOption("--mmd-weight <L>")]
    [Description("wae-mmd: the weight λ on the MMD between the codes and prior draws (default 10).")]
    public double? MmdWeight { get; init; }

    [CommandOption("--mmd-kernel <K>")]
    [Description("wae-mmd, info-vae: the MMD's kernel, imq (inverse multiquadratic C/(C + ‖a − b‖²), default) or rbf (exp(−‖a − b‖²/C)), each summed over C = s·2d, s in 0.1 … 10.")]
    public string? MmdKernel { get; init; }

    [CommandOption("--info-alpha <A>")]
    [Description("info-vae: α ≤ 1; the KL is weighted by 1 − α and the MMD by α + λ − 1 (default 0).")]
    public double? InfoAlpha { get; init; }

    [CommandOption("--info-lambda <L>")]
    [Description("info-vae: λ ≥ 0, with α + λ ≥ 1 (default 1000; α = 0, λ = 1 gives the ELBO).")]
    public double? InfoLambda { get; init; }

    [CommandOption("--rae-beta <B>")]
    [Description("rae-l2, rae-gp: the weight β on ½‖z‖² (default 1e-4).")]
    public double? RaeBeta { get; init; }

    [CommandOption("--rae-decoder-decay <L>")]
    [Description("rae-l2: the weight λ on the sum of squares of the decoder's parameters (default 1e-7).")]
    public double? RaeDecoderDecay { get; init; }

    [CommandOption("--rae-gp-weight <L>")]
    [Description("rae-gp: the weight λ on the gradient penalty ‖∇_z Σ_i D_i(z)‖² of the decoded mean (default 1e-7).")]
    public double? RaeGpWeight { get; init; }

    static readonly string[] RegularizedObjectives = ["wae-mmd", "info-vae", "rae-l2", "rae-gp"];

    /// <summary>Whether --objective is one of WAE-MMD, InfoVAE, RAE-L2, RAE-GP.</summary>
    bool IsRegularizedObjective => RegularizedObjectives.Contains(ObjectiveName.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The model when --model is not given: the autoencoder for the objectives whose encoder is deterministic (the papers' choice), else mlp.</summary>
    string DefaultModel => ObjectiveName.Trim().ToLowerInvariant() is "wae-mmd" or "rae-l2" or "rae-gp" ? "ae" : "mlp";

    /// <summary>The family of --objective among wae-mmd, info-vae, rae-l2 and rae-gp (null for another objective); an option of another objective is an error.</summary>
    ObjectiveFamilyOptions? RegularizedFamily()
    {
        string name = ObjectiveName.Trim().ToLowerInvariant();
        string[] mmd = ["wae-mmd", "info-vae"], rae = ["rae-l2", "rae-gp"];
        var owned = new (string Option, object? Value, string[] For)[]
        {
            ("--mmd-weight", MmdWeight, ["wae-mmd"]), ("--mmd-kernel", MmdKernel, mmd), ("--info-alpha", InfoAlpha, ["info-vae"]), ("--info-lambda", InfoLambda, ["info-vae"]),
            ("--rae-beta", RaeBeta, rae), ("--rae-decoder-decay", RaeDecoderDecay, ["rae-l2"]), ("--rae-gp-weight", RaeGpWeight, ["rae-gp"]),
        };
        foreach (var (option, value, objectives) in owned)
            if (value is not null && !objectives.Contains(name))
                throw new VaeException($"{option}: is an option of --objective {string.Join(" and ", objectives)}; this run's objective is {name}.");
        var kernel = MmdKernel is null ? Objectives.MmdKernel.Imq : Names.Parse<Objectives.MmdKernel>(MmdKernel, "--mmd-kernel");
        return OptionErrors.Guard<ObjectiveFamilyOptions?>(() => name switch
        {
            "wae-mmd" => new WaeMmdOptions { MmdWeight = MmdWeight ?? new WaeMmdOptions().MmdWeight, Kernel = kernel },
            "info-vae" => new InfoVaeOptions { Alpha = InfoAlpha ?? 0, Lambda = InfoLambda ?? new InfoVaeOptions().Lambda, Kernel = kernel },
            "rae-l2" => new RaeL2Options { LatentWeight = RaeBeta ?? new RaeL2Options().LatentWeight, DecoderDecay = RaeDecoderDecay ?? new RaeL2Options().DecoderDecay },
            "rae-gp" => new RaeGpOptions { LatentWeight = RaeBeta ?? new RaeGpOptions().LatentWeight, GradientPenalty = RaeGpWeight ?? new RaeGpOptions().GradientPenalty },
            _ => null,
        }, RegularizedOptionNames);
    }

    static readonly Dictionary<string, string> RegularizedOptionNames = new()
    {
        ["MmdWeight"] = "--mmd-weight", ["Alpha"] = "--info-alpha", ["Lambda"] = "--info-lambda",
        ["LatentWeight"] = "--rae-beta", ["DecoderDecay"] = "--rae-decoder-decay", ["GradientPenalty"] = "--rae-gp-weight",
    };
}
