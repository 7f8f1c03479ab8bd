using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>
/// A module whose parameters have an initialisation of their own (a quantizer's codebook): <see cref="ParameterInit.Reset"/>
/// calls <see cref="ResetParameters"/> on it, from the same generator, instead of a default rule.
/// </summary>
public interface ISelfInitializing
{
    /// <summary>Draws the module's own parameters (not its submodules') from <paramref name="generator"/>.</summary>
    void ResetParameters(Generator generator);
}
