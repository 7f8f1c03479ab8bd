using static TorchSharp.torch;

namespace Vae;

/// <summary>
/// What a model sees for a mini-batch: the data x [B, D] and, when the model is conditioned on
/// covariates (a one-hot batch label, say), those conditions c [B, C]; when the model has a
/// property head, the regression targets y [B, P] it learns to predict from z (NaN where unknown).
/// A bare tensor converts to a batch without conditions or targets.
/// </summary>
public sealed record Batch(Tensor X, Tensor? Condition = null, Tensor? Targets = null)
{
    public static implicit operator Batch(Tensor x) => new(x);

    public long Size => X.shape[0];
}
