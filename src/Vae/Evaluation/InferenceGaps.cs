using TorchSharp;
using Vae.Data;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Evaluation;

/// <summary>Settings of the per-example optimisation of q's parameters.</summary>
public sealed record GapOptions
{
    /// <summary>Gradient steps per example.</summary>
    public int Steps { get; init => field = value >= 1 ? value : throw new VaeException($"--steps {value}: must be ≥ 1."); } = 500;

    /// <summary>Adam's learning rate on the variational parameters.</summary>
    public double LearningRate { get; init => field = value > 0 ? value : throw new VaeException($"--lr {value}: must be > 0."); } = 0.01;

    /// <summary>Reparameterized samples per gradient step (Monte Carlo models).</summary>
    public int Samples { get; init => field = value >= 1 ? value : throw new VaeException($"--samples {value}: must be ≥ 1."); } = 16;

    /// <summary>Samples for the final ELBO estimates of q and q* (Monte Carlo models).</summary>
    public int EvaluationSamples { get; init => field = value >= 1 ? value : throw new VaeException($"--eval-samples {value}: must be ≥ 1."); } = 1000;

    /// <summary>Importance samples for log p(x) (models without an exact marginal).</summary>
    public int K { get; init => field = value >= 1 ? value : throw new VaeException($"--k {value}: must be ≥ 1."); } = 5000;

    public int Seed { get; init; }

    public int BatchSize { get; init; } = 100;
}

/// <summary>Per-example values and their means: L[q] (the encoder's), L[q*] (optimised per example), log p(x).</summary>
public sealed record GapReport(double[] Elbo, double[] ElboOptimal, double[] LogLikelihood, bool Exact)
{
    public int N => Elbo.Length;
    public double MeanElbo => Elbo.Average();
    public double MeanElboOptimal => ElboOptimal.Average();
    public double MeanLogLikelihood => LogLikelihood.Average();

    /// <summary>log p(x) − L[q*]: what the variational family cannot reach.</summary>
    public double ApproximationGap => MeanLogLikelihood - MeanElboOptimal;

    /// <summary>L[q*] − L[q]: what the encoder loses by amortizing inference.</summary>
    public double AmortizationGap => MeanElboOptimal - MeanElbo;
}

/// <summary>
/// The inference gaps of Cremer, Li and Duvenaud (2018). For each example, q's parameters start at
/// the encoder's output and are improved by gradient ascent on that example's ELBO, giving L[q*],
/// the best the variational family can do for the trained decoder. Then
/// approximation gap = log p(x) − L[q*] and amortization gap = L[q*] − L[q].
/// For a linear-Gaussian model everything is exact: the ELBO in closed form (no sampling), and
/// log p(x) from the marginal N(b, W Wᵀ + Ψ); otherwise ELBOs are Monte Carlo estimates and log p(x)
/// is the importance-sampled bound with K samples. With a posterior extension (a normalizing flow) q's
/// per-example parameters are the head's output and the extension's own (<see cref="VaeModel.EncodeLocal"/>: a
/// planar flow's u, w, b; an IAF's contexts), all optimised, so L[q*] is the best posterior of the flow family for
/// each example and its ELBO is Monte Carlo (log q at q's own samples).
/// </summary>
public static class InferenceGaps
{
    public static GapReport Measure(VaeModel model, Dataset data, Device device, GapOptions options, IProgress<int>? progress = null)
    {
        if (!model.IsVariational) throw new VaeException("an autoencoder has no posterior: inference gaps need a VAE.");
        if (!model.HasStandardPrior) throw new VaeException("inference gaps optimise the head's q(z|x) against the closed-form KL to N(0, I); this model's prior is not N(0, I) (a learned prior or a second stochastic layer).");
        if (model.HasLatentLibrary) throw new VaeException("inference gaps are measured for q(z|x) alone; a model with a latent library size (--latent-library) also infers l, which they do not cover.");
        // The closed-form ELBO is the head's Gaussian's; a posterior extension (a flow) is scored by Monte Carlo, log p(x) stays exact.
        bool exactMarginal = LinearGaussianMarginal.Applies(model);
        bool exact = exactMarginal && model.Extension is null;
        using var evaluating = EvaluationMode.Enter(model, gradients: true);
        var frozen = model.parameters().Select(p => (p, p.requires_grad)).ToList();
        foreach (var (p, _) in frozen) p.requires_grad = false;
        try
        {
            int n = data.Count;
            var elbo = new double[n];
            var optimal = new double[n];
            using var generator = new Generator((ulong)options.Seed, device);
            foreach (var (start, b, batch) in data.Batches(options.BatchSize, device))
            {
                Tensor raw;
                using (no_grad()) raw = model.EncodeLocal(batch).detach();
                Score(model, batch, raw, exact, options, generator).CopyTo(elbo, start);
                var best = Optimize(model, batch, raw, exact, options, generator);
                Score(model, batch, best, exact, options, generator).CopyTo(optimal, start);
                progress?.Report(start + b);
            }
            double[] logp = exactMarginal
                ? LinearGaussianMarginal.LogProb(model, data)
                : MarginalLikelihood.Estimate(model, data, device, options.K, options.Seed + 1);
            return new GapReport(elbo, optimal, logp, exact);
        }
        finally
        {
            foreach (var (p, requires) in frozen) p.requires_grad = requires;
        }
    }

    /// <summary>Gradient ascent on each example's ELBO with respect to its own raw posterior parameters.</summary>
    static Tensor Optimize(VaeModel model, Batch batch, Tensor start, bool exact, GapOptions options, Generator generator)
    {
        var h = new TorchSharp.Modules.Parameter(start.clone());
        using var optimizer = optim.Adam([h], lr: options.LearningRate);
        for (int step = 0; step < options.Steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var perExample = exact ? ExactElbo(model, batch, h) : MonteCarloElbo(model, batch, h, options.Samples, generator);
            (-perExample.sum()).backward();   // examples are independent: the sum's gradient is each example's own
            optimizer.step();
        }
        return h.detach();
    }

    static double[] Score(VaeModel model, Batch batch, Tensor raw, bool exact, GapOptions options, Generator generator)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var value = exact ? ExactElbo(model, batch, raw) : MonteCarloElbo(model, batch, raw, options.EvaluationSamples, generator, chunk: 100);
        return value.to(ScalarType.Float64).cpu().data<double>().ToArray();
    }

    /// <summary>
    /// (1/S) Σ_s log p(x|z_s) − KL(q ‖ p), z_s ~ q: [B]; for a posterior without a closed-form KL (a flow),
    /// (1/S) Σ_s [log p(x|z_s) + log p(z_s) − log q(z_s|x)].
    /// </summary>
    static Tensor MonteCarloElbo(VaeModel model, Batch batch, Tensor raw, int samples, Generator generator, int chunk = int.MaxValue)
    {
        var q = model.PosteriorOfLocal(raw);
        if (!q.HasClosedFormKl) return SampledElbo(model, batch, q, samples, generator, chunk);
        Tensor? total = null;
        for (int done = 0; done < samples; done += chunk)
        {
            int s = Math.Min(chunk, samples - done);
            var z = q.Sample(s, generator);
            var ll = model.LogLikelihood(batch, z).sum(dim: 0);
            total = total is null ? ll : total + ll;
        }
        return total! / samples - q.KlToStandardNormal();
    }

    static Tensor SampledElbo(VaeModel model, Batch batch, Distributions.Posterior q, int samples, Generator generator, int chunk)
    {
        Tensor? total = null;
        for (int done = 0; done < samples; done += chunk)
        {
            int s = Math.Min(chunk, samples - done);
            var (z, logQ) = q.SampleWithLogProb(s, generator);                      // [S, B, d], [S, B]
            var terms = (model.LogJoint(batch, z) - logQ).sum(dim: 0);
            total = total is null ? terms : total + terms;
        }
        return total! / samples;
    }

    /// <summary>The ELBO of a linear-Gaussian model in closed form: [B].</summary>
    static Tensor ExactElbo(VaeModel model, Batch batch, Tensor raw)
    {
        var q = model.PosteriorOf(raw);
        return LinearGaussianMarginal.ExpectedLogLikelihood(model, batch.X, q) - q.KlToStandardNormal();
    }
}
