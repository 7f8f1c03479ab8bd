using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>
/// A stack of linear layers with an activation after each: in → h1 → … → hn. With
/// <paramref name="activateLast"/> false the last layer is left linear (an output layer).
/// </summary>
public class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> layers;
    private readonly nn.Module<Tensor, Tensor>[] steps;   // the same modules, for the forward pass (arrays are not registered)

    public Mlp(int input, IReadOnlyList<int> sizes, ActivationKind activation, bool activateLast = true) : base(nameof(Mlp))
    {
        var modules = new List<nn.Module<Tensor, Tensor>>();
        int width = input;
        for (int i = 0; i < sizes.Count; i++)
        {
            modules.Add(nn.Linear(width, sizes[i]));
            if (activateLast || i < sizes.Count - 1) modules.Add(Activations.Create(activation));
            width = sizes[i];
        }
        OutputSize = width;
        layers = nn.Sequential(modules);
        steps = [.. modules];
        RegisterComponents();
    }

    public int OutputSize { get; }

    // x: [B, in] -> [B, OutputSize]. Linear layers go through BlasLinear (OpenBLAS when enabled, else libtorch).
    public override Tensor forward(Tensor x)
    {
        foreach (var step in steps)
            x = step is TorchSharp.Modules.Linear linear ? BlasLinear.Forward(linear, x) : step.call(x);
        return x;
    }
}
