using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Training;

/// <summary>
/// After backward: the total gradient norm (clipped to a maximum when asked), and, if the gradient
/// is not finite, the name of the first parameter whose gradient is NaN or infinite.
/// </summary>
public sealed class GradientGuard(IReadOnlyList<(string Name, Parameter Parameter)> parameters, double? clip)
{
    public (double Norm, string? BadParameter) Check()
    {
        using var scope = NewDisposeScope();
        var grads = parameters.Where(p => p.Parameter.grad is not null).ToList();
        double norm = clip is double max
            ? nn.utils.clip_grad_norm_(grads.Select(p => p.Parameter), max)
            : stack(grads.Select(p => p.Parameter.grad!.norm()).ToArray()).norm().item<float>();
        if (double.IsFinite(norm)) return (norm, null);
        var bad = grads.FirstOrDefault(p => !isfinite(p.Parameter.grad!).all().item<bool>());
        return (norm, bad.Name ?? "(unknown)");
    }
}
