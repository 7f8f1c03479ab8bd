using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>The loss of a batch, and the objective's own terms (batch means, named by <see cref="Objective.TermNames"/>) for reporting.</summary>
public sealed record ObjectiveValue(Tensor Loss, IReadOnlyList<Tensor> Terms);
