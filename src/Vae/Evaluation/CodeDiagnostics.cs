using TorchSharp;
using Vae.Data;
using Vae.Distributed;
using Vae.Distributions;
using Vae.Models;
using Vae.Objectives;
using static TorchSharp.torch;

namespace Vae.Evaluation;

/// <summary>
/// Diagnostics of a deterministic encoder's codes (<see cref="CodeReport"/>), the point-mass counterpart of
/// <see cref="LatentDiagnostics"/>: per-dimension mean and variance over x, active units by variance, and the unbiased
/// MMD² (<see cref="Mmd"/>, IMQ kernel) between the codes of the first examples and as many draws from N(0, I).
/// </summary>
public static class CodeDiagnostics
{
    /// <summary>Codes compared with the prior by the MMD (its cost grows with the square of the number).</summary>
    public const int MmdExamples = 500;

    /// <summary>The report; with <paramref name="ranks"/> (an mpirun) the codes are encoded in blocks over the ranks and gathered, so every rank returns one process's report.</summary>
    public static CodeReport Measure(VaeModel model, Dataset data, Device device, double varianceThreshold = 0.01, int seed = 0, Communicator? ranks = null)
    {
        if (model.IsVariational) throw new VaeException("this model has a posterior: diagnose it with LatentDiagnostics (per-dimension KL, I(x; z)).");
        var (codes, _) = Generation.Encode(model, data, device, ranks: ranks);
        int n = data.Count, d = model.Latent;
        var mean = new double[d];
        var square = new double[d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                double z = codes[i * d + j];
                mean[j] += z / n;
                square[j] += z * z / n;
            }
        var variance = Enumerable.Range(0, d).Select(j => Math.Max(0, square[j] - mean[j] * mean[j]) * n / Math.Max(1, n - 1)).ToArray();
        int m = Math.Min(MmdExamples, n);
        return new CodeReport(mean, variance, varianceThreshold, m < 2 ? double.NaN : PriorMmd(codes, m, d, seed), n, m);
    }

    // MMD² between the first m codes and m draws from N(0, I), in double precision.
    static double PriorMmd(float[] codes, int m, int d, int seed)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var z = tensor(codes.AsSpan(0, m * d).ToArray(), [m, d]).to(ScalarType.Float64);
        var draws = StandardNormal.Sample(m, d, CPU, generator).to(ScalarType.Float64);
        return Mmd.Unbiased(z, draws, MmdKernel.Imq).item<double>();
    }
}
