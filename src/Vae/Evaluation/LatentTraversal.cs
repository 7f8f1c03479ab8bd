using TorchSharp;
using Vae.Models;

namespace Vae.Applications.Disentanglement;

/// <summary>
/// Latent traversals: starting from one code, each latent dimension in turn is swept over
/// <c>steps</c> evenly spaced values from −span to +span (the others held at the starting code) and
/// decoded. Row j of the grid is dimension j; a disentangled dimension changes one factor along its row.
/// </summary>
public static class LatentTraversal
{
    /// <summary>The latent points: d rows × steps columns, each a copy of <paramref name="start"/> with one coordinate swept (d·steps × d, row-major).</summary>
    public static float[] Points(float[] start, int steps, double span)
    {
        if (steps < 2) throw new VaeException($"--traversal-steps {steps}: a traversal needs at least 2 steps.");
        if (!(span > 0)) throw new VaeException($"--traversal-span {span}: must be > 0.");
        int d = start.Length;
        var z = new float[d * steps * d];
        for (int j = 0; j < d; j++)
            for (int s = 0; s < steps; s++)
            {
                int row = j * steps + s;
                start.CopyTo(z, row * d);
                z[row * d + j] = (float)(-span + 2 * span * s / (steps - 1));
            }
        return z;
    }

    /// <summary>The decoded traversal of the model's latent space around <paramref name="start"/>: d·steps images, row-major in (dimension, step).</summary>
    public static float[] Decode(VaeModel model, float[] start, int steps, double span, torch.Device device) =>
        Generation.Decode(model, Points(start, steps, span), device);
}
