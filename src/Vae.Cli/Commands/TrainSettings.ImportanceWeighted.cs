using Vae.Objectives;

namespace Vae.Cli.Commands;
/// <summary>The importance-weighted objectives' options: --objective iwae, miwae, ciwae, piwae (Burda et al. 2015; Rainforth et al. 2018).</summary>
public partial class TrainSettings
{
    [CommandOption("--iw-samples <K>")]
    [Description("iwae, miwae, ciwae, piwae: importance samples K per bound (default 5; K = 1 is the ELBO).")]
    public int? IwSamples { get; init; }

    [CommandOption("--iw-groups <M>")]
    [Description("miwae, piwae: the number M of independent K-sample bounds (default 4): M·K samples per example and step.")]
    public int? IwGroups { get; init; }

    [CommandOption("--ciwae-beta <B>")]
    [Description("ciwae: the weight β (0 to 1) of the ELBO in β·ELBO + (1 − β)·IWAE_K (default 0.5).")]
    public double? CiwaeBeta { get; init; }

    /// <summary>The --objective names of the importance-weighted family.</summary>
    static readonly string[] ImportanceWeightedNames = ["iwae", "miwae", "ciwae", "piwae"];

    static bool IsImportanceWeighted(string objective) => ImportanceWeightedNames.Contains(objective.Trim().ToLowerInvariant());

    /// <summary>The importance-weighted objective of --objective and its options (null for another objective); their options elsewhere are errors.</summary>
    ImportanceWeightedOptions? ImportanceWeightedFamily(string objective)
    {
        var owned = new (string Option, object? Value, string[] For)[]
        {
            ("--iw-samples", IwSamples, ImportanceWeightedNames), ("--iw-groups", IwGroups, ["miwae", "piwae"]), ("--ciwae-beta", CiwaeBeta, ["ciwae"]),
        };
        foreach (var (option, value, names) in owned)
            if (value is not null && !names.Contains(objective))
                throw new VaeException($"{option}: is an option of --objective {string.Join(", ", names[..^1])}{(names.Length > 1 ? " and " : "")}{names[^1]}; this run's objective is {objective}.");
        if (!ImportanceWeightedNames.Contains(objective)) return null;
        return OptionErrors.Guard<ImportanceWeightedOptions>(() => objective switch
        {
            "iwae" => new IwaeOptions { Samples = IwSamples ?? new IwaeOptions().Samples },
            "miwae" => new MiwaeOptions { Samples = IwSamples ?? new MiwaeOptions().Samples, Groups = IwGroups ?? new MiwaeOptions().Groups },
            "ciwae" => new CiwaeOptions { Samples = IwSamples ?? new CiwaeOptions().Samples, Beta = CiwaeBeta ?? new CiwaeOptions().Beta },
            _ => new PiwaeOptions { Samples = IwSamples ?? new PiwaeOptions().Samples, Groups = IwGroups ?? new PiwaeOptions().Groups },
        }, ImportanceWeightedOptionNames);
    }

    static readonly Dictionary<string, string> ImportanceWeightedOptionNames = new()
    {
        ["Samples"] = "--iw-samples", ["Groups"] = "--iw-groups", ["Beta"] = "--ciwae-beta",
    };
}
