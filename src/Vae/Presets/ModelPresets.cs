using Vae.Models;

namespace Vae.Presets;

/// <summary>A named model (`--model NAME`): its kind and architecture on the matching <see cref="ModelOptions"/> preset.</summary>
public sealed record ModelPreset(string Name, ModelKind Kind, Architecture Architecture)
{
    /// <summary>The preset these start from: conv models <see cref="ModelOptions.MnistConv"/>, sequence models <see cref="ModelOptions.SmilesGru"/>, the others <see cref="ModelOptions.MnistMlp"/>.</summary>
    public ModelOptions Base => Architecture switch
    {
        Architecture.Conv => ModelOptions.MnistConv,
        Architecture.Sequence => ModelOptions.SmilesGru,
        _ => ModelOptions.MnistMlp,
    };

    /// <summary>The model options of this name: <see cref="Base"/> with its kind and architecture.</summary>
    public ModelOptions Options => Base with { Kind = Kind, Architecture = Architecture };
}

/// <summary>The models that have a name, as the command line and the documentation call them.</summary>
public static class ModelPresets
{
    public static readonly ModelPreset Mlp = new("mlp", ModelKind.Vae, Architecture.Mlp);
    public static readonly ModelPreset Conv = new("conv", ModelKind.Vae, Architecture.Conv);
    public static readonly ModelPreset Linear = new("linear", ModelKind.Vae, Architecture.Linear);
    public static readonly ModelPreset Autoencoder = new("ae", ModelKind.Autoencoder, Architecture.Mlp);
    public static readonly ModelPreset ConvAutoencoder = new("conv-ae", ModelKind.Autoencoder, Architecture.Conv);
    public static readonly ModelPreset Smiles = new("smiles", ModelKind.Vae, Architecture.Sequence);

    /// <summary>Every named model, in the order the documentation lists them.</summary>
    public static readonly IReadOnlyList<ModelPreset> All = [Mlp, Conv, Linear, Autoencoder, ConvAutoencoder, Smiles];

    /// <summary>The named models by name (case-insensitive).</summary>
    public static readonly IReadOnlyDictionary<string, ModelPreset> ByName = All.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The names, comma-separated, for messages.</summary>
    public static string Names => string.Join(", ", All.Select(p => p.Name));
}
