using Vae.Distributions;
using Vae.Models;

namespace Vae.Presets;

/// <summary>
/// The defaults that depend on the kind of data (images and tables, count matrices, molecules), for
/// the options a user leaves out. Count data trains on every cell and keeps the highly variable genes;
/// count likelihoods see log1p inputs; a sequence model's likelihood is categorical.
/// </summary>
public static class DataPresets
{
    /// <summary>Training examples held out for validation: none for count data, else 5,000.</summary>
    public static int ValidationSize(bool counts) => counts ? 0 : 5000;

    /// <summary>The fraction of csv rows or cells held out as the test split.</summary>
    public const double TestFraction = 0.1;

    /// <summary>Highly variable genes kept from count data.</summary>
    public const int HighlyVariableGenes = 2000;

    /// <summary>The encoder's input transform: log1p for count likelihoods (poisson, nb, zinb), else none.</summary>
    public static InputTransform InputTransform(LikelihoodKind likelihood) =>
        CountLikelihood.IsCountKind(likelihood) ? Models.InputTransform.Log1p : Models.InputTransform.None;
}
