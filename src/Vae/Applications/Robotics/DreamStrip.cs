using Vae.Data;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Applications.Robotics;

/// <summary>
/// A "dream": the latent dynamics model rolled out open loop from a held-out episode's context with
/// the episode's recorded actions, decoded frame by frame, laid out beside the real frames. For each
/// episode two rows of H + 1 images: the real frames x_{t0} … x_{t0+H}, then the reconstruction of
/// x_{t0} followed by the decoded predictions for t0+1 … t0+H. Stacked examples show their newest frame.
/// </summary>
public static class DreamStrip
{
    public static (float[] Images, DataShape Shape, int Columns) Render(LatentDynamics dynamics, VaeModel vae, LatentEpisodes episodes, Dataset frames,
        int frameChannels, IReadOnlyList<int> episodeIndices, int start, int horizon, Device device)
    {
        var shape = frames.Shape;
        var display = DataShape.Image(frameChannels, shape.Height, shape.Width);
        var images = new List<float>();
        using var vaeEvaluating = EvaluationMode.Enter(vae);
        using var dynamicsEvaluating = EvaluationMode.Enter(dynamics);
        foreach (int e in episodeIndices)
        {
            if (start < dynamics.Context - 1 || start + horizon >= episodes.Steps(e))
                throw new VaeException($"--horizon {horizon}: episode {e} has {episodes.Steps(e)} steps, too few for a start at {start} and {horizon} predicted steps.");
            using var scope = NewDisposeScope();
            var window = new List<(int, int)> { (e, start) };
            var (context, actions, _) = episodes.Batch(window, dynamics.Context, horizon, device);
            var predicted = RolloutEvaluator.DecodeAll(vae, dynamics.Rollout(context, actions)).reshape(horizon, -1);
            var first = RolloutEvaluator.DecodeAll(vae, context.narrow(1, dynamics.Context - 1, 1)).reshape(1, -1);
            int row0 = episodes.Starts[e] + start;
            for (int k = 0; k <= horizon; k++) images.AddRange(Newest(frames.Row(row0 + k).ToArray(), shape, frameChannels));
            var dream = cat([first, predicted], 0).cpu().data<float>().ToArray();
            for (int k = 0; k <= horizon; k++) images.AddRange(Newest(dream.AsSpan(k * shape.Size, shape.Size).ToArray(), shape, frameChannels));
        }
        return (images.ToArray(), display, horizon + 1);
    }

    /// <summary>The newest frame (the last <paramref name="frameChannels"/> channels) of an example.</summary>
    public static float[] Newest(float[] example, DataShape shape, int frameChannels) =>
        example.AsSpan(example.Length - frameChannels * shape.Height * shape.Width).ToArray();
}
