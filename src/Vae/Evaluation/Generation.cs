using TorchSharp;
using Vae.Data;
using Vae.Distributed;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Evaluation;

/// <summary>Using a trained model: encode, reconstruct, sample, interpolate. Results are plain arrays.</summary>
public static class Generation
{
    /// <summary>Means μ and standard deviations σ of q(z|x) for every example: two [N·d] arrays, row-major.</summary>
    /// With <paramref name="ranks"/> (an mpirun) each rank encodes a contiguous block of the batches (<see cref="RankBlocks"/>)
    /// and every rank returns all the values; each batch is encoded whole, as one process encodes it, so they are one process's bits.
    public static (float[] Mean, float[] StdDev) Encode(VaeModel model, Dataset data, Device device, int batchSize = 1000, Communicator? ranks = null)
    {
        ranks ??= Communicator.Single;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (mean, std) = EncodeBlock(model, data, device, ranks.Rank, ranks.Size, batchSize);
        if (!ranks.IsDistributed) return (mean, std);
        return (RankBlocks.Gather(ranks, mean, clock.Elapsed, "the gathering of every rank's posterior means"),
                RankBlocks.Gather(ranks, std, clock.Elapsed, "the gathering of every rank's posterior standard deviations"));
    }

    /// <summary>μ and σ of the examples in rank <paramref name="rank"/>'s block of batches (of <paramref name="size"/> ranks; <see cref="RankBlocks.Of"/>).</summary>
    public static (float[] Mean, float[] StdDev) EncodeBlock(VaeModel model, Dataset data, Device device, int rank, int size, int batchSize = 1000)
    {
        int d = model.Latent;
        int batches = (data.Count + batchSize - 1) / batchSize;
        var (first, count) = RankBlocks.Of(batches, rank, size);
        int from = Math.Min(data.Count, first * batchSize), to = Math.Min(data.Count, (first + count) * batchSize);
        var mean = new float[(to - from) * d];
        var std = new float[(to - from) * d];
        using var evaluating = EvaluationMode.Enter(model);
        int index = 0;
        foreach (var (start, _, batch) in data.Batches(batchSize, device))
        {
            if (index >= first + count) break;
            if (index++ < first) continue;
            var q = model.Encode(batch);
            q.Mean.cpu().data<float>().CopyTo(mean, (start - from) * d);
            q.StdDev.cpu().data<float>().CopyTo(std, (start - from) * d);
        }
        return (mean, std);
    }

    /// <summary>
    /// Decoded means E[x|z] for z ~ p(z), the model's prior (N(0, I), a VampPrior's mixture, a hierarchy's p(z₁|z₂) p(z₂)),
    /// or draws from p(x|z) with <paramref name="draw"/>: [n·D].
    /// A conditioned model decodes every sample with <paramref name="condition"/> (one row of C values).
    /// </summary>
    public static float[] Sample(VaeModel model, int n, Device device, int seed, bool draw = false, float[]? condition = null)
    {
        using var evaluating = EvaluationMode.Enter(model);
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed, device);
        var z = model.Prior.Sample(n, model.Latent, device, generator);
        return model.Generate(z, Repeat(condition, n, device), draw, generator).cpu().data<float>().ToArray();
    }

    /// <summary>
    /// Decoded means E[x|z] at codes z [n, d] that a latent sampler drew (or draws from p(x|z) with <paramref name="draw"/>,
    /// using <paramref name="generator"/>): [n·D]. A conditioned model decodes every sample with <paramref name="condition"/>.
    /// </summary>
    public static float[] Generate(VaeModel model, Tensor z, Device device, Generator generator, bool draw = false, float[]? condition = null)
    {
        using var evaluating = EvaluationMode.Enter(model);
        using var scope = NewDisposeScope();
        int n = (int)z.shape[0];
        return model.Generate(z.to(device), Repeat(condition, n, device), draw, generator).cpu().data<float>().ToArray();
    }

    /// <summary>Decoded means for latent points z [n·d]: [n·D].</summary>
    public static float[] Decode(VaeModel model, float[] z, Device device, float[]? condition = null)
    {
        using var evaluating = EvaluationMode.Enter(model);
        using var scope = NewDisposeScope();
        int n = z.Length / model.Latent;
        return model.Generate(tensor(z, [n, model.Latent]).to(device), Repeat(condition, n, device)).cpu().data<float>().ToArray();
    }

    /// <summary>Reconstructions E[x | z = μ(x)] of the examples, all in one batch or <paramref name="batchSize"/> at a time: [N·D].</summary>
    public static float[] Reconstruct(VaeModel model, Dataset data, Device device, int? batchSize = null)
    {
        using var evaluating = EvaluationMode.Enter(model);
        var result = new List<float>();
        foreach (var (_, _, batch) in data.Batches(batchSize ?? Math.Max(1, data.Count), device))
            result.AddRange(model.Reconstruct(batch).cpu().data<float>().ToArray());
        return result.ToArray();
    }

    static Tensor? Repeat(float[]? condition, int n, Device device) =>
        condition is null ? null : tensor(condition, [1, condition.Length]).to(device).expand(n, condition.Length).contiguous();

    /// <summary>
    /// Latent points from μ(a) to μ(b) in <paramref name="steps"/> steps (both ends included),
    /// linearly or along the great circle (slerp), decoded: [steps·D].
    /// </summary>
    public static float[] Interpolate(VaeModel model, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int steps, Device device, bool spherical = false)
    {
        if (steps < 2) throw new VaeException($"--steps {steps}: an interpolation needs at least 2 steps.");
        if (model.Options.Conditions > 0) throw new VaeException("interpolation of a conditioned model is not supported; encode and decode with explicit conditions.");
        var pair = new Dataset("pair", [.. a, .. b], model.Options.Input);
        var (mean, _) = Encode(model, pair, device);
        int d = model.Latent;
        var za = mean.AsSpan(0, d).ToArray();
        var zb = mean.AsSpan(d, d).ToArray();
        double omega = Math.Acos(Math.Clamp(Dot(za, zb) / Math.Sqrt(Dot(za, za) * Dot(zb, zb) + 1e-30), -1, 1));
        var z = new float[steps * d];
        for (int s = 0; s < steps; s++)
        {
            double t = s / (double)(steps - 1);
            (double wa, double wb) = spherical && omega > 1e-6
                ? (Math.Sin((1 - t) * omega) / Math.Sin(omega), Math.Sin(t * omega) / Math.Sin(omega))
                : (1 - t, t);
            for (int j = 0; j < d; j++) z[s * d + j] = (float)(wa * za[j] + wb * zb[j]);
        }
        return Decode(model, z, device);
    }

    static double Dot(float[] u, float[] v) => u.Zip(v, (p, q) => (double)p * q).Sum();
}
