using Vae.Evaluation;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Applications.Robotics;

/// <summary>
/// The episodes of one split in latent space: for each episode the latent means z_t = μ(x_t)
/// ([T, d]) and the actions a_t scaled by the largest torque ([T, m]); a_t moves the system from step t to t + 1.
/// </summary>
public sealed record LatentEpisodes(IReadOnlyList<float[]> Latents, IReadOnlyList<float[]> Actions, IReadOnlyList<int> Starts, int Latent, int ActionSize)
{
    public int Count => Latents.Count;
    public int Steps(int episode) => Latents[episode].Length / Latent;

    /// <summary>Encodes the frames of a split and groups them by episode.</summary>
    public static LatentEpisodes Encode(VaeModel model, Vae.Data.Dataset frames, StateTable states, SimulationOptions simulation, Device device)
    {
        var z = Generation.Encode(model, frames, device).Mean;
        var system = simulation.Dynamics();
        var torques = StateTable.Names(system).Torques.Select(states.Column).ToArray();
        double scale = simulation.EffectiveMaxTorque > 0 ? simulation.EffectiveMaxTorque : 1;
        int d = model.Latent, m = torques.Length;
        var latents = new List<float[]>();
        var actions = new List<float[]>();
        var starts = new List<int>();
        foreach (var (_, start, length) in states.EpisodeRanges())
        {
            latents.Add(z.AsSpan(start * d, length * d).ToArray());
            var a = new float[length * m];
            for (int t = 0; t < length; t++)
                for (int j = 0; j < m; j++) a[t * m + j] = (float)(torques[j][start + t] / scale);
            actions.Add(a);
            starts.Add(start);
        }
        return new LatentEpisodes(latents, actions, starts, d, m);
    }

    /// <summary>Windows (episode, t0) whose context z_{t0−K+1…t0} and next <paramref name="horizon"/> steps lie inside the episode.</summary>
    public List<(int Episode, int Start)> Windows(int firstStart, int horizon, int stride = 1)
    {
        var windows = new List<(int, int)>();
        for (int e = 0; e < Count; e++)
            for (int t0 = firstStart; t0 + horizon < Steps(e); t0 += stride) windows.Add((e, t0));
        return windows;
    }

    /// <summary>Context latents [B, K, d], actions [B, H, m] and target latents [B, H, d] for the windows.</summary>
    public (Tensor Context, Tensor Actions, Tensor Targets) Batch(IReadOnlyList<(int Episode, int Start)> windows, int context, int horizon, Device device)
    {
        int b = windows.Count, d = Latent, m = ActionSize;
        var ctx = new float[b * context * d];
        var act = new float[b * horizon * m];
        var tgt = new float[b * horizon * d];
        for (int i = 0; i < b; i++)
        {
            var (e, t0) = windows[i];
            Array.Copy(Latents[e], (t0 - context + 1) * d, ctx, i * context * d, context * d);
            Array.Copy(Actions[e], t0 * m, act, i * horizon * m, horizon * m);
            Array.Copy(Latents[e], (t0 + 1) * d, tgt, i * horizon * d, horizon * d);
        }
        return (tensor(ctx, [b, context, d]).to(device), tensor(act, [b, horizon, m]).to(device), tensor(tgt, [b, horizon, d]).to(device));
    }
}
