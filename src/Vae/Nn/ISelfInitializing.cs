using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>
/// A module with parameters of its own kind (not linear, convolution, GRU or embedding layers), which
/// <see cref="ParameterInit.Reset"/> asks to initialise them from the model's generator once every layer has been
/// (so the layers draw what they would without it), in the order the modules are listed (the VampPrior's pseudo-inputs).
/// </summary>
public interface ISelfInitializing
{
    /// <summary>Sets the module's own parameters, drawing only from <paramref name="generator"/> (called without gradients).</summary>
    void Reset(Generator generator);
}
