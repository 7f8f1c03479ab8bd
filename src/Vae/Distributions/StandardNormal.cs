using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>The prior p(z) = N(0, I).</summary>
public static class StandardNormal
{
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);

    /// <summary>log N(z; 0, I) summed over the last dimension.</summary>
    public static Tensor LogProb(Tensor z) => -0.5 * (z * z + Log2Pi).sum(-1);

    public static Tensor Sample(long n, long dimension, Device device, Generator? generator = null) =>
        randn([n, dimension], device: device, generator: generator);
}
