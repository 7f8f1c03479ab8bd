using TorchSharp;
using Vae.Models;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// RAE-GP: the decoder's regularizer is the batch mean of ‖∇_z Σ_i D_i(z)‖², with D(z) the likelihood's mean decoded from
/// the code (the image), reported as <c>gradient_penalty</c>. As in the RAE paper's and pythae's code, the gradient is that
/// of the summed output (Jᵀ1 for the decoder's Jacobian J), which autograd gives in one backward pass; the penalty's own
/// gradient is a second-order one (create_graph). The decoder runs once more for it.
/// </summary>
public sealed class RaeGpObjective(ObjectiveOptions options, RaeGpOptions rae) : RaeObjective(options, rae)
{
    protected override string RegularizerName => "gradient_penalty";

    protected override double RegularizerWeight => rae.GradientPenalty;

    protected override Tensor Regularizer(VaeModel model, Batch batch, Tensor z, Generator? generator) => GradientPenalty(model, batch, z, generator).mean();

    /// <summary>
    /// ‖∇_z Σ_i D_i(z)‖² per example [B] at codes z [B, d] (z must require gradients, or is made a leaf that does), with a
    /// graph to differentiate it further.
    /// </summary>
    public static Tensor GradientPenalty(VaeModel model, Batch batch, Tensor z, Generator? generator = null)
    {
        if (!z.requires_grad) z = z.detach().requires_grad_();
        bool blas = BlasLinear.Enabled;
        BlasLinear.Enabled = false;   // the OpenBLAS route is a custom autograd function without a second derivative
        try
        {
            using var grad = enable_grad();
            var decoded = model.Likelihood.Mean(model.Decode(z, batch, generator));                    // [B, D]
            var gradient = autograd.grad([decoded.sum()], [z], retain_graph: true, create_graph: true)[0];  // [B, d]
            return gradient.square().sum(-1);
        }
        finally { BlasLinear.Enabled = blas; }
    }
}
