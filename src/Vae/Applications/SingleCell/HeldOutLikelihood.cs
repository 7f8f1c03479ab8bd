using Vae.Data;
using Vae.Evaluation;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Applications.SingleCell;

/// <summary>
/// How well a model explains cells it was not trained on, in nats per cell: the importance-sampled
/// log p(x) with K samples from q(z|x) (<see cref="MarginalLikelihood"/>; a lower bound that tightens
/// with K), its standard error over the cells, the ELBO and the reconstruction term E_q log p(x|z)
/// (one sample each). NaN when there are no cells (or the model is an autoencoder, for log p(x) and the ELBO).
/// </summary>
public sealed record HeldOutLikelihood(double LogLikelihood, double StandardError, double Elbo, double Reconstruction, int Cells, int K)
{
    public static HeldOutLikelihood Estimate(VaeModel model, Dataset cells, Device device, int k, int seed = 0)
    {
        if (cells.Count == 0) return new(double.NaN, double.NaN, double.NaN, double.NaN, 0, k);
        var elbo = ElboEstimator.Estimate(model, cells, device, seed);
        if (!model.IsVariational) return new(double.NaN, double.NaN, double.NaN, -elbo.Reconstruction, cells.Count, k);
        var ll = MarginalLikelihood.Estimate(model, cells, device, k, seed + 1);   // the draws of `vae eval` (ModelEvaluator)
        double mean = ll.Average();
        double se = ll.Length < 2 ? double.NaN : Math.Sqrt(ll.Sum(v => (v - mean) * (v - mean)) / (ll.Length - 1) / ll.Length);
        return new(mean, se, elbo.Elbo, -elbo.Reconstruction, cells.Count, k);
    }
}
