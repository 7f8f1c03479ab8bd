using Vae.Data;
using Vae.Distributed;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Evaluation;

/// <summary>
/// ELBO terms and importance-sampled NLL of a model on a data set. With <c>ranks</c> (an mpirun) the NLL's examples are
/// split over the ranks (<see cref="MarginalLikelihood.Estimate"/>) and every rank computes the one-sample ELBO (1/K of
/// the work) in full; every rank returns one process's report.
/// </summary>
public static class ModelEvaluator
{
    public static EvaluationReport Evaluate(VaeModel model, Dataset data, Device device, int k, int seed = 0, IProgress<int>? progress = null, Communicator? ranks = null)
    {
        var elbo = ElboEstimator.Estimate(model, data, device, seed);
        double? nll = null, se = null;
        if (model.IsVariational)
        {
            var logp = MarginalLikelihood.Estimate(model, data, device, k, seed + 1, progress: progress, ranks: ranks);
            double mean = logp.Average();
            nll = -mean;
            se = logp.Length > 1 ? Math.Sqrt(logp.Sum(v => (v - mean) * (v - mean)) / (logp.Length - 1) / logp.Length) : null;
        }
        return new EvaluationReport(elbo.Elbo, elbo.Reconstruction, elbo.Kl, nll, se, model.IsVariational ? k : 0, data.Count, elbo.KlPerDim, elbo.KlLibrary);
    }
}
