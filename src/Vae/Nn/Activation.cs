using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Nn;

public enum ActivationKind { Relu, LeakyRelu, Elu, Tanh, Gelu, Silu, Softplus }

public static class Activations
{
    public static nn.Module<Tensor, Tensor> Create(ActivationKind kind) => kind switch
    {
        ActivationKind.Relu => nn.ReLU(),
        ActivationKind.LeakyRelu => nn.LeakyReLU(0.01),
        ActivationKind.Elu => nn.ELU(),
        ActivationKind.Tanh => nn.Tanh(),
        ActivationKind.Gelu => nn.GELU(),
        ActivationKind.Silu => nn.SiLU(),
        ActivationKind.Softplus => nn.Softplus(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
