using Vae.Runs;

namespace Vae.Export.Torch;

/// <summary>
/// config.json of a PyTorch export: what the generated vae_model.py builds (for people and scripts), the state dict's
/// keys with their dtypes and shapes (<see cref="Sigma"/>: a fixed Gaussian's σ; <see cref="SigmaFloor"/>: a learned one's
/// floor; null otherwise), and the run's own config (<see cref="RunConfig"/>), from which
/// <c>vae import</c> builds the model again.
/// </summary>
public sealed record TorchExportConfig(
    string Format,
    int FormatVersion,
    string Weights,
    string Module,
    string Network,
    bool Variational,
    int[] InputShape,
    string InputTransform,
    int Latent,
    string Likelihood,
    double? Sigma,
    double? SigmaFloor,
    string Encode,
    string Decode,
    IReadOnlyDictionary<string, TorchTensorInfo> StateDict,
    string Source,
    RunConfig RunConfig)
{
    /// <summary>The value of <see cref="Format"/> that marks an export's config.json.</summary>
    public const string FormatName = "vae-pytorch";

    public const int CurrentVersion = 1;
}

/// <summary>One tensor of the state dict: its safetensors dtype name (F32) and shape.</summary>
public sealed record TorchTensorInfo(string Dtype, long[] Shape);
