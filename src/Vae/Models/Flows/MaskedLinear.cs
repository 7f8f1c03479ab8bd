using TorchSharp;
using TorchSharp.Modules;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// A linear layer y = x (W ⊙ M)ᵀ + b with a fixed 0/1 mask M [out, in] (Germain et al. 2015, MADE): output i
/// sees input j only where M_ij = 1. Initialised as a linear layer (<see cref="ParameterInit"/>); the mask is a buffer.
/// </summary>
public sealed class MaskedLinear : nn.Module<Tensor, Tensor>, ILinearParameters
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Tensor mask;

    public MaskedLinear(Tensor mask) : base(nameof(MaskedLinear))
    {
        var linear = nn.Linear(mask.shape[1], mask.shape[0]);
        weight = linear.weight!;
        bias = linear.bias!;
        this.mask = mask.to(ScalarType.Float32);
        register_parameter("weight", weight);
        register_parameter("bias", bias);
        register_buffer("mask", this.mask);
    }

    Tensor ILinearParameters.Weight => weight;
    Tensor? ILinearParameters.Bias => bias;

    /// <summary>The mask M [out, in].</summary>
    public Tensor Mask => mask;

    // x: [..., in] -> [..., out]
    public override Tensor forward(Tensor x) => nn.functional.linear(x, weight * mask, bias);
}
