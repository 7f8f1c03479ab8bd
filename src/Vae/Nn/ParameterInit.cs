using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>
/// Re-initialises linear, convolution, GRU and embedding layers exactly as PyTorch's defaults do (weights and
/// biases uniform in ±1/√fan_in, the bound kaiming_uniform(a=√5) gives), but from an explicit
/// generator, so a model's initial weights depend only on its seed and not on global RNG state. A module with an
/// initialisation of its own (<see cref="ISelfInitializing"/>) draws it from the same generator.
/// </summary>
public static class ParameterInit
{
    public static void Reset(nn.Module module, Generator generator)
    {
        using var noGrad = torch.no_grad();
        foreach (var (_, m) in module.named_modules())
        {
            if (m is ISelfInitializing own)
            {
                own.ResetParameters(generator);
                continue;
            }
            if (ResetRecurrent(m, generator)) continue;
            (Tensor weight, Tensor? bias)? p = m switch
            {
                Linear l => (l.weight, l.bias),
                Conv2d c => (c.weight, c.bias),
                Conv1d c1 => (c1.weight, c1.bias),
                ConvTranspose2d t => (t.weight, t.bias),
                ILinearParameters l => (l.Weight, l.Bias),
                _ => null,
            };
            if (p is not (var w, var b)) continue;
            long fanIn = w.shape[1] * (w.dim() > 2 ? w.shape[2..].Aggregate(1L, (x, y) => x * y) : 1);
            double bound = 1.0 / Math.Sqrt(fanIn);
            // Tensor.uniform_ honours the generator (nn.init.uniform_ in TorchSharp 0.107 ignores it).
            w.uniform_(-bound, bound, generator);
            b?.uniform_(-bound, bound, generator);
        }
    }

    // PyTorch's defaults: GRU weights and biases uniform in ±1/√H; embeddings N(0, 1).
    static bool ResetRecurrent(nn.Module m, Generator generator)
    {
        switch (m)
        {
            case GRU gru:
                var parameters = gru.named_parameters().ToList();
                long h = parameters.First(p => p.name.StartsWith("weight_hh", StringComparison.Ordinal)).parameter.shape[1];
                foreach (var (_, p) in parameters) p.uniform_(-1.0 / Math.Sqrt(h), 1.0 / Math.Sqrt(h), generator);
                return true;
            case Embedding e:
                e.weight!.normal_(0, 1, generator);
                return true;
            default:
                return false;
        }
    }
}
