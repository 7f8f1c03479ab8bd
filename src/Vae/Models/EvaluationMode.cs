using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// A module in evaluation mode for the length of a <c>using</c>: <c>eval()</c>, and by default no
/// gradients (<c>no_grad()</c>); disposing restores the module's previous training flag and the
/// previous gradient mode, whether the block ends normally or by an exception.
/// <code>using var evaluating = EvaluationMode.Enter(model);</code>
/// </summary>
public sealed class EvaluationMode : IDisposable
{
    private readonly nn.Module module;
    private readonly bool wasTraining;
    private readonly IDisposable? noGrad;
    private bool disposed;

    private EvaluationMode(nn.Module module, bool gradients)
    {
        this.module = module;
        wasTraining = module.training;
        module.eval();
        noGrad = gradients ? null : no_grad();
    }

    /// <summary>Puts <paramref name="module"/> in evaluation mode; with <paramref name="gradients"/>, autograd stays on (for optimisation at fixed weights: inference gaps, gradient estimators, latent ascent).</summary>
    public static EvaluationMode Enter(nn.Module module, bool gradients = false) => new(module, gradients);

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        noGrad?.Dispose();
        module.train(wasTraining);
    }
}
