using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Training;

/// <summary>How a step's loss becomes the gradients the optimizer applies.</summary>
public static class ObjectiveGradients
{
    /// <summary>
    /// Accumulates ∇ <paramref name="loss"/> into every parameter's gradient; with an <paramref name="encoderLoss"/>
    /// (<see cref="Objectives.ObjectiveValue.EncoderLoss"/>, PIWAE's), the encoder-side parameters
    /// (<see cref="VaeModel.EncoderParameters"/>) hold ∇ <paramref name="encoderLoss"/> instead (computed first, while the
    /// graph is whole; written into their existing gradient tensors, which <see cref="FlatAdam"/> keeps in one buffer).
    /// </summary>
    public static void Backward(VaeModel model, Tensor loss, Tensor? encoderLoss)
    {
        if (encoderLoss is null) { loss.backward(); return; }
        var encoder = model.EncoderParameters().ToArray();
        var gradients = autograd.grad([encoderLoss], encoder, retain_graph: true, allow_unused: true);
        loss.backward();
        using var noGrad = no_grad();
        for (int i = 0; i < encoder.Length; i++)
        {
            bool reached = gradients[i] is { IsInvalid: false };   // false: a parameter the encoder loss does not reach
            if (encoder[i].grad is { } grad) { if (reached) grad.copy_(gradients[i]); else grad.zero_(); }
            else if (reached) encoder[i].grad = gradients[i].clone();
        }
    }
}
