using TorchSharp;
using TorchSharp.Modules;
using Vae.Distributions;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// A diagonal Gaussian whose mean and log-variance are an MLP of its input: a stochastic layer of a hierarchy,
/// q(z₂|z₁) or p(z₁|z₂) (the IWAE paper's units: deterministic layers, then a linear layer giving μ and log σ²).
/// </summary>
public sealed class ConditionalGaussian : nn.Module<Tensor, Tensor>
{
    private readonly Mlp hidden;    // input [N, in] -> [N, H]
    private readonly Linear output; // [N, H] -> μ, log σ²: [N, 2·out]

    public ConditionalGaussian(int inputs, IReadOnlyList<int> widths, int outputs, ActivationKind activation) : base(nameof(ConditionalGaussian))
    {
        Outputs = outputs;
        hidden = new Mlp(inputs, widths, activation);
        output = nn.Linear(hidden.OutputSize, 2 * outputs);
        RegisterComponents();
    }

    /// <summary>The dimension of the Gaussian.</summary>
    public int Outputs { get; }

    // x: [.., in] -> raw parameters [.., 2·out] (μ then log σ²)
    public override Tensor forward(Tensor x)
    {
        var lead = x.shape[..^1];
        var raw = BlasLinear.Forward(output, hidden.call(x.reshape(-1, x.shape[^1])));
        return raw.reshape([.. lead, 2 * Outputs]);
    }

    /// <summary>The Gaussian given x [.., in]: μ and log σ² [.., out] (log σ² clamped as the posterior head's is).</summary>
    public DiagonalGaussian Given(Tensor x)
    {
        var parts = call(x).chunk(2, dim: -1);
        return new DiagonalGaussian(parts[0], parts[1].clamp(DiagonalGaussian.MinLogVariance, DiagonalGaussian.MaxLogVariance));
    }
}
