using Vae.Data;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Applications.Robotics;

/// <summary>Measures a latent dynamics model's open-loop predictions on held-out episodes (see <see cref="RolloutErrors"/>).</summary>
public static class RolloutEvaluator
{
    /// <param name="firstStart">Earliest start step t0 (at least K − 1); use the same value to compare models with different contexts on the same windows.</param>
    /// <param name="stride">Steps between consecutive start points within an episode.</param>
    public static RolloutErrors Evaluate(LatentDynamics dynamics, VaeModel vae, LatentEpisodes episodes, Dataset frames, int horizon, int firstStart, int stride, Device device, int chunk = 64)
    {
        var windows = episodes.Windows(Math.Max(firstStart, dynamics.Context - 1), horizon, stride);
        if (windows.Count == 0) throw new VaeException($"--horizon {horizon}: the held-out episodes are too short for it.");
        var sums = new double[5, horizon];
        using var vaeEvaluating = EvaluationMode.Enter(vae);
        using var dynamicsEvaluating = EvaluationMode.Enter(dynamics);
        foreach (var (start, n) in MiniBatches.Ranges(windows.Count, chunk))
        {
            var batch = windows.Skip(start).Take(n).ToList();
            var (context, actions, targets) = episodes.Batch(batch, dynamics.Context, horizon, device);
            var predicted = dynamics.Rollout(context, actions);                         // [B, H, d]
            var last = context.select(1, dynamics.Context - 1).unsqueeze(1);           // [B, 1, d]
            Accumulate(sums, 0, (predicted - targets).square().sum(-1));
            Accumulate(sums, 1, (last - targets).square().sum(-1));
            var truth = Frames(frames, episodes, batch, horizon, device);              // [B, H, D]
            Accumulate(sums, 2, (DecodeAll(vae, predicted) - truth).square().sum(-1));
            Accumulate(sums, 3, (DecodeAll(vae, last) - truth).square().sum(-1));
            Accumulate(sums, 4, (DecodeAll(vae, targets) - truth).square().sum(-1));
        }
        double[] Row(int r) => Enumerable.Range(0, horizon).Select(k => sums[r, k] / windows.Count).ToArray();
        return new RolloutErrors(windows.Count, Row(0), Row(1), Row(2), Row(3), Row(4));
    }

    /// <summary>Decoded means E[x|z] of latents [B, L, d]: [B, L, D].</summary>
    public static Tensor DecodeAll(VaeModel vae, Tensor z)
    {
        var flat = z.reshape(-1, z.shape[2]);
        return vae.Likelihood.Mean(vae.Decode(flat)).reshape(z.shape[0], z.shape[1], -1);
    }

    /// <summary>The true frames x_{t0+1 … t0+H} of each window: [B, H, D].</summary>
    public static Tensor Frames(Dataset frames, LatentEpisodes episodes, IReadOnlyList<(int Episode, int Start)> windows, int horizon, Device device)
    {
        int d = frames.Dimension;
        var values = new float[windows.Count * horizon * d];
        for (int i = 0; i < windows.Count; i++)
        {
            var (e, t0) = windows[i];
            int row = episodes.Starts[e] + t0 + 1;
            Array.Copy(frames.Features, (long)row * d, values, (long)i * horizon * d, (long)horizon * d);
        }
        return tensor(values, [windows.Count, horizon, d]).to(device);
    }

    static void Accumulate(double[,] sums, int row, Tensor errors)
    {
        var perHorizon = errors.sum(dim: 0).to(ScalarType.Float64).cpu().data<double>().ToArray();
        for (int k = 0; k < perHorizon.Length; k++) sums[row, k] += perHorizon[k];
    }
}
