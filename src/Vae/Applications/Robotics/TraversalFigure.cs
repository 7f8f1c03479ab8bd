using Vae.Data;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Applications.Robotics;

/// <summary>
/// Latent traversals: starting from the latent mean of one reference frame, one latent dimension
/// at a time is swept over [−range, range] (the prior's scale) and decoded. Rows are the dimensions
/// with the largest average KL(q(z_j|x) ‖ N(0, 1)) on the given frames, the most used first.
/// </summary>
public static class LatentTraversal
{
    public sealed record Result(float[] Images, DataShape Shape, int Columns, int[] Dimensions, double[] Kl);

    public static Result Render(VaeModel vae, Dataset frames, int frameChannels, Device device, int referenceRow = 0, int maxRows = 8, int steps = 9, double range = 2.5)
    {
        var sample = StateProbe.EvenlySpaced(frames, 1000);
        var (mean, std) = Generation.Encode(vae, sample, device);
        int d = vae.Latent, n = sample.Count;
        var kl = new double[d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                double mu = mean[i * d + j], s2 = (double)std[i * d + j] * std[i * d + j];
                kl[j] += 0.5 * (mu * mu + s2 - Math.Log(s2) - 1) / n;
            }
        var dims = Enumerable.Range(0, d).OrderByDescending(j => kl[j]).Take(maxRows).ToArray();
        var reference = Generation.Encode(vae, frames.Subset([referenceRow]), device).Mean;
        var z = new float[dims.Length * steps * d];
        for (int r = 0; r < dims.Length; r++)
            for (int s = 0; s < steps; s++)
            {
                int o = (r * steps + s) * d;
                reference.CopyTo(z, o);
                z[o + dims[r]] = (float)(-range + 2 * range * s / (steps - 1));
            }
        var decoded = Generation.Decode(vae, z, device);
        var shape = frames.Shape;
        var images = new List<float>();
        for (int i = 0; i < dims.Length * steps; i++)
            images.AddRange(DreamStrip.Newest(decoded.AsSpan(i * shape.Size, shape.Size).ToArray(), shape, frameChannels));
        return new Result(images.ToArray(), DataShape.Image(frameChannels, shape.Height, shape.Width), steps, dims, dims.Select(j => kl[j]).ToArray());
    }
}
