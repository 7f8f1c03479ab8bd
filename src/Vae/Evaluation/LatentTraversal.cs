using TorchSharp;
using Vae.Data;
using Vae.Distributions;
using Vae.Models;

namespace Vae.Evaluation;

/// <summary>
/// Latent traversals: starting from one code, each chosen latent dimension in turn is swept over
/// <c>steps</c> evenly spaced values from −span to +span (the others held at the starting code) and
/// decoded. Row r of the grid is the r-th chosen dimension (all of them, in order, by default); a
/// disentangled dimension changes one factor along its row. <see cref="MostUsed"/> chooses the
/// dimensions with the largest average KL(q(z_j|x) ‖ N(0, 1)) on a sample, the most used first.
/// </summary>
public static class LatentTraversal
{
    /// <summary>A traversal of the most used dimensions: decoded images (rows × steps, row-major), the dimensions and their mean KL (nats).</summary>
    public sealed record Result(float[] Images, int Steps, int[] Dimensions, double[] Kl);

    /// <summary>
    /// The latent points: one row of <paramref name="steps"/> per dimension (all d, or <paramref name="dimensions"/>),
    /// each a copy of <paramref name="start"/> with that coordinate swept (rows·steps × d, row-major).
    /// </summary>
    public static float[] Points(float[] start, int steps, double span, IReadOnlyList<int>? dimensions = null)
    {
        if (steps < 2) throw new VaeException($"--traversal-steps {steps}: a traversal needs at least 2 steps.");
        if (!(span > 0)) throw new VaeException($"--traversal-span {span}: must be > 0.");
        int d = start.Length;
        dimensions ??= Enumerable.Range(0, d).ToArray();
        var z = new float[dimensions.Count * steps * d];
        for (int r = 0; r < dimensions.Count; r++)
            for (int s = 0; s < steps; s++)
            {
                int row = r * steps + s;
                start.CopyTo(z, row * d);
                z[row * d + dimensions[r]] = (float)(-span + 2 * span * s / (steps - 1));
            }
        return z;
    }

    /// <summary>The decoded traversal around <paramref name="start"/>: rows·steps images, row-major in (dimension, step).</summary>
    public static float[] Decode(VaeModel model, float[] start, int steps, double span, torch.Device device, IReadOnlyList<int>? dimensions = null) =>
        Generation.Decode(model, Points(start, steps, span, dimensions), device);

    /// <summary>
    /// The traversal of the (at most) <paramref name="maxRows"/> dimensions with the largest mean KL
    /// over <paramref name="sample"/>, the most used first.
    /// </summary>
    public static Result MostUsed(VaeModel model, Dataset sample, float[] start, int steps, double span, int maxRows, torch.Device device)
    {
        var (mean, std) = Generation.Encode(model, sample, device);
        var kl = GaussianKl.MeanPerDimension(mean, std, model.Latent);
        var dims = Enumerable.Range(0, model.Latent).OrderByDescending(j => kl[j]).Take(maxRows).ToArray();
        return new Result(Decode(model, start, steps, span, device, dims), steps, dims, dims.Select(j => kl[j]).ToArray());
    }
}
