using TorchSharp;
using Vae.Data;
using Vae.Models;
using Vae.Objectives;
using static TorchSharp.torch;

namespace Vae.Evaluation;

/// <summary>
/// log p(x) ≈ log (1/K) Σ_k p(x, z_k)/q(z_k|x) per example, z_k ~ q(z|x) (the importance-weighted
/// bound with K samples, <see cref="ImportanceWeighted"/>). Examples and samples are grouped so that
/// each decoder call sees about <c>rowsPerPass</c> rows: large enough for fast matrix multiplies,
/// small enough that memory stays bounded whatever K is.
/// </summary>
public static class MarginalLikelihood
{
    public static double[] Estimate(VaeModel model, Dataset data, Device device, int k, int seed = 0,
        int rowsPerPass = 16384, IProgress<int>? progress = null)
    {
        if (k < 1) throw new VaeException($"--k {k}: the number of importance samples must be ≥ 1.");
        bool wasTraining = model.training;
        model.eval();
        try
        {
            int chunk = Math.Min(k, rowsPerPass);
            int examplesPerPass = Math.Max(1, rowsPerPass / chunk);
            var result = new double[data.Count];
            using var generator = new Generator((ulong)seed, device);
            using var noGrad = no_grad();
            for (int start = 0; start < data.Count; start += examplesPerPass)
            {
                using var scope = NewDisposeScope();
                int n = Math.Min(examplesPerPass, data.Count - start);
                var bound = ImportanceWeighted.Bound(model, data.BatchAt(start, n, device), k, chunk, generator);
                bound.to(ScalarType.Float64).cpu().data<double>().ToArray().CopyTo(result, start);
                progress?.Report(start + n);
            }
            return result;
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
