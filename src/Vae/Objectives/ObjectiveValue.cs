using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>The loss of a batch, and the objective's own terms (batch means, named by <see cref="Objective.TermNames"/>) for reporting.</summary>
public sealed record ObjectiveValue(Tensor Loss, IReadOnlyList<Tensor> Terms)
{
    /// <summary>
    /// A loss for the encoder side alone (<see cref="Models.VaeModel.EncoderParameters"/>), or null: when given, those
    /// parameters take this loss's gradient and every other parameter takes <see cref="Loss"/>'s (PIWAE trains the
    /// generative network on one bound and the inference network on another).
    /// </summary>
    public Tensor? EncoderLoss { get; init; }
}
