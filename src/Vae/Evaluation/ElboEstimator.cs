using TorchSharp;
using Vae.Data;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Evaluation;

/// <summary>The ELBO of a model on a data set, with one reparameterized sample per example drawn from a seeded generator (of z, and of l with a latent library size).</summary>
public static class ElboEstimator
{
    public static ElboEstimate Estimate(VaeModel model, Dataset data, Device device, int seed = 0, int batchSize = 1000)
    {
        using var evaluating = EvaluationMode.Enter(model);
        using var generator = new Generator((ulong)seed, device);
        double ll = 0, kl = 0, klLibrary = 0;
        var klPerDim = new double[model.Latent];
        foreach (var (_, _, batch) in data.Batches(batchSize, device))
        {
            var terms = model.Terms(batch, generator);
            ll += terms.LogLikelihood.sum().to(ScalarType.Float64).item<double>();
            if (terms.LibraryKl is { } libraryKl) klLibrary += libraryKl.sum().to(ScalarType.Float64).item<double>();
            var perDim = terms.KlPerDim.sum(dim: 0).to(ScalarType.Float64).cpu().data<double>().ToArray();
            for (int j = 0; j < perDim.Length; j++) { klPerDim[j] += perDim[j]; if (terms.Posterior.HasClosedFormKl) kl += perDim[j]; }
            // Without a closed form (a flow) the per-dimension values are an approximation; the KL is the Monte Carlo one.
            if (!terms.Posterior.HasClosedFormKl) kl += terms.Kl.sum().to(ScalarType.Float64).item<double>();
        }
        int count = data.Count;
        return new ElboEstimate((ll - kl - klLibrary) / count, -ll / count, kl / count, count, klPerDim.Select(v => v / count).ToArray(),
            model.HasLatentLibrary ? klLibrary / count : null);
    }
}
