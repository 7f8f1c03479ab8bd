using Vae.Data;
using Vae.Evaluation;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Applications.Robotics;

/// <summary>
/// The latent-traversal figure of a frame model (<see cref="LatentTraversal.MostUsed"/>): from the
/// latent mean of one reference frame, the dimensions with the largest average KL on (up to 1,000 of)
/// the given frames are swept over [−range, range] (the prior's scale); each decoded image shows its newest frame.
/// </summary>
public static class TraversalFigure
{
    public sealed record Result(float[] Images, DataShape Shape, int Columns, int[] Dimensions, double[] Kl);

    public static Result Render(VaeModel vae, Dataset frames, int frameChannels, Device device, int referenceRow = 0, int maxRows = 8, int steps = 9, double range = 2.5)
    {
        var reference = Generation.Encode(vae, frames.Subset([referenceRow]), device).Mean;
        var t = LatentTraversal.MostUsed(vae, StateProbe.EvenlySpaced(frames, 1000), reference, steps, range, maxRows, device);
        var shape = frames.Shape;
        var images = new List<float>();
        for (int i = 0; i < t.Dimensions.Length * steps; i++)
            images.AddRange(DreamStrip.Newest(t.Images.AsSpan(i * shape.Size, shape.Size).ToArray(), shape, frameChannels));
        return new Result(images.ToArray(), DataShape.Image(frameChannels, shape.Height, shape.Width), steps, t.Dimensions, t.Kl);
    }
}
