using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>A module whose parameters are those of a linear layer (y = x Wᵀ + b): <see cref="ParameterInit"/> initialises them as one.</summary>
public interface ILinearParameters
{
    Tensor Weight { get; }
    Tensor? Bias { get; }
}
