using Vae.Distributions;
using Vae.Models;

namespace Vae.Presets;

/// <summary>A named model (`--model NAME`): the composition it starts from, before options fill it in.</summary>
public sealed record ModelPreset(string Name, ModelOptions Options);

/// <summary>The models that have a name, as the command line and the documentation call them.</summary>
public static class ModelPresets
{
    public static readonly ModelPreset Mlp = new("mlp", ModelOptions.MnistMlp);
    public static readonly ModelPreset Conv = new("conv", ModelOptions.MnistConv);
    public static readonly ModelPreset Linear = new("linear", ModelOptions.MnistMlp with { Network = new LinearNetwork() });
    public static readonly ModelPreset Autoencoder = new("ae", ModelOptions.MnistMlp with { Posterior = PosteriorKind.PointMass });
    public static readonly ModelPreset ConvAutoencoder = new("conv-ae", ModelOptions.MnistConv with { Posterior = PosteriorKind.PointMass });
    public static readonly ModelPreset Smiles = new("smiles", ModelOptions.SmilesGru);

    /// <summary>Every named model, in the order the documentation lists them.</summary>
    public static readonly IReadOnlyList<ModelPreset> All = [Mlp, Conv, Linear, Autoencoder, ConvAutoencoder, Smiles];

    /// <summary>The named models by name (case-insensitive).</summary>
    public static readonly IReadOnlyDictionary<string, ModelPreset> ByName = All.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The names, comma-separated, for messages.</summary>
    public static string Names => string.Join(", ", All.Select(p => p.Name));
}
