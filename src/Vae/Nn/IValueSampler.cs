using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>
/// What a decoder generates with: turns the parameters it outputs for some values into the values
/// themselves, their means or draws. A model passes its likelihood (<c>Models.LikelihoodSampler</c>);
/// a decoder knows only this, not the distributions.
/// </summary>
public interface IValueSampler
{
    // decoded: [B, n·P] (P parameters per value, in blocks of n) -> [B, n]
    Tensor Mean(Tensor decoded);

    /// <summary>Draws the values, taking the randomness from <paramref name="generator"/>.</summary>
    // decoded: [B, n·P] -> [B, n]
    Tensor Sample(Tensor decoded, Generator? generator);
}
