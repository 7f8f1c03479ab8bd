using Vae.Data;
using Vae.Distributed;
using Vae.Evaluation;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Applications.SingleCell;

/// <summary>
/// How well a model explains cells it was not trained on, in nats per cell: the importance-sampled
/// log p(x) with K samples from q(z|x) (<see cref="MarginalLikelihood"/>, the estimator of <c>vae eval</c>;
/// a lower bound that tightens with K) per cell and its mean, with the standard error over the cells,
/// and the ELBO and the reconstruction term E_q log p(x|z) (one sample each). NaN when there are no
/// cells (and, for log p(x) and the ELBO, for an autoencoder). With a latent library size, log p(x) samples l = log ℓ
/// from q(l|x) too, the ELBO includes KL(q(l|x) ‖ p(l)), and <see cref="KlLibrary"/> is its mean (null otherwise).
/// </summary>
public sealed record HeldOutLikelihood(double LogLikelihood, double StandardError, double Elbo, double Reconstruction, int Cells, int K, double[] PerCell,
    double? KlLibrary = null)
{
    /// <summary>Values of log p(x|z) computed per decoder pass; bounds the memory of the importance sampling whatever the number of genes.</summary>
    const int ValuesPerPass = 1 << 22;

    /// <summary>The measures of <paramref name="cells"/>; with <paramref name="ranks"/> log p(x) is estimated in blocks over the ranks (one process's values on every rank).</summary>
    public static HeldOutLikelihood Estimate(VaeModel model, Dataset cells, Device device, int k, int seed = 0, Communicator? ranks = null)
    {
        double[] perCell = [];
        if (model.IsVariational && cells.Count > 0)
        {
            int rows = Math.Clamp(ValuesPerPass / (cells.Dimension * model.Likelihood.ParamsPerValue), 256, 16384);
            perCell = MarginalLikelihood.Estimate(model, cells, device, k, seed + 1, rowsPerPass: rows, ranks: ranks);   // seed + 1: the draws of `vae eval` (ModelEvaluator)
        }
        return From(model, cells, device, perCell, k, seed);
    }

    /// <summary>The same measures for the cells at <paramref name="rows"/> of <paramref name="cells"/>, reusing their log p(x) (the ELBO is estimated afresh).</summary>
    public HeldOutLikelihood Subset(VaeModel model, Dataset cells, IReadOnlyList<int> rows, Device device, int seed = 0) =>
        From(model, cells.Subset(rows), device, PerCell.Length == 0 ? [] : rows.Select(i => PerCell[i]).ToArray(), K, seed);

    static HeldOutLikelihood From(VaeModel model, Dataset cells, Device device, double[] perCell, int k, int seed)
    {
        if (cells.Count == 0) return new(double.NaN, double.NaN, double.NaN, double.NaN, 0, k, []);
        var elbo = ElboEstimator.Estimate(model, cells, device, seed);
        var (mean, se) = MeanAndStandardError(perCell);
        return new(mean, se, model.IsVariational ? elbo.Elbo : double.NaN, -elbo.Reconstruction, cells.Count, k, perCell, elbo.KlLibrary);
    }

    /// <summary>The mean of <paramref name="values"/> and its standard error (sample sd / √n); NaN when undefined.</summary>
    public static (double Mean, double StandardError) MeanAndStandardError(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return (double.NaN, double.NaN);
        double mean = values.Average();
        double se = values.Count < 2 ? double.NaN : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) / values.Count);
        return (mean, se);
    }
}
