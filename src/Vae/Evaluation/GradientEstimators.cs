using TorchSharp;
using TorchSharp.Modules;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Evaluation;

/// <summary>Per-coordinate variance of two single-sample gradient estimators, summed over the encoder's parameters.</summary>
public sealed record EstimatorComparison(double ReparameterizationVariance, double ScoreFunctionVariance, double MeanDistance, double MeanDistanceStandardError,
    double ReparameterizationNorm, int Repetitions, long Parameters)
{
    /// <summary>How many times more variance the score-function estimator has.</summary>
    public double Ratio => ScoreFunctionVariance / ReparameterizationVariance;
}

/// <summary>
/// The gradient of the batch ELBO with respect to the encoder's parameters φ, estimated with one
/// sample z ~ q_φ(z|x) per example, in two unbiased ways:
/// <list type="bullet">
/// <item>reparameterization: ∇_φ log p(x | μ_φ + σ_φ ε), ε ~ N(0, I);</item>
/// <item>score function (REINFORCE, Williams 1992): log p(x|z) ∇_φ log q_φ(z|x), with z held fixed.</item>
/// </list>
/// The KL term is differentiated in closed form in both, so only the reconstruction term's estimator
/// differs. Repeating each estimate R times on the same model and batch gives the variance of every
/// gradient coordinate; their sum (the trace of the covariance) is compared. The two means must agree
/// within sampling error (both are unbiased), which is checked and reported.
/// </summary>
public static class GradientEstimators
{
    public static EstimatorComparison Compare(VaeModel model, Batch batch, int repetitions, int seed = 0)
    {
        if (!model.IsVariational) throw new VaeException("an autoencoder has no posterior: there is no gradient estimator to compare.");
        if (!model.HasStandardPrior) throw new VaeException("the gradient estimators are compared with the closed-form KL to N(0, I); this model's prior is not N(0, I) (a learned prior or a second stochastic layer).");
        if (repetitions < 2) throw new VaeException($"--repetitions {repetitions}: must be ≥ 2.");
        if (model.HasLatentLibrary) throw new VaeException("the gradient estimators are compared for q(z|x) alone; a model with a latent library size (--latent-library) is not supported.");
        RequireClosedForm(model, batch);
        var encoder = model.EncoderParameters().ToArray();
        using var g = new Generator((ulong)seed, batch.X.device);
        var reparam = new Moments();
        var score = new Moments();
        using (EvaluationMode.Enter(model, gradients: true))
        {
            for (int r = 0; r < repetitions; r++)
            {
                reparam.Add(Gradient(model, encoder, batch, g, scoreFunction: false));
                score.Add(Gradient(model, encoder, batch, g, scoreFunction: true));
            }
        }
        using var scope = NewDisposeScope();
        var (mr, vr) = reparam.Result();
        var (ms, vs) = score.Result();
        double distance = (mr - ms).norm().item<double>();
        // Standard error of ‖mean_r − mean_s‖ if the means were equal: sqrt(Σ (v_r + v_s) / R).
        double se = Math.Sqrt(((vr + vs).sum().item<double>()) / repetitions);
        return new EstimatorComparison(vr.sum().item<double>(), vs.sum().item<double>(), distance, se, mr.norm().item<double>(), repetitions, mr.numel());
    }

    // Both estimators differentiate the KL in closed form, and the score function needs log q(z|x) at a given z.
    static void RequireClosedForm(VaeModel model, Batch batch)
    {
        using var scope = NewDisposeScope();
        using var evaluating = EvaluationMode.Enter(model);
        if (!model.Encode(batch).HasClosedFormKl)
            throw new VaeException("the gradient estimators need a posterior with a closed-form KL whose log q(z|x) can be evaluated at any z; a flow posterior (--flow) has neither.");
    }

    // One estimate of ∇_φ ELBO (batch mean), flattened: [P].
    static Tensor Gradient(VaeModel model, Parameter[] encoder, Batch batch, Generator g, bool scoreFunction)
    {
        using var scope = NewDisposeScope();
        model.zero_grad();
        var q = model.Encode(batch);
        Tensor objective;
        if (scoreFunction)
        {
            var z = q.Sample(g).detach();
            Tensor reward;
            using (no_grad()) reward = model.LogLikelihood(batch, z);
            objective = (reward * q.LogProb(z)).mean() - q.KlToStandardNormal().mean();
        }
        else
        {
            var z = q.Sample(g);
            objective = (model.LogLikelihood(batch, z) - q.KlToStandardNormal()).mean();
        }
        objective.backward();
        return cat(encoder.Select(p => p.grad!.flatten()).ToArray()).to(ScalarType.Float64).detach().MoveToOuterDisposeScope();
    }

    /// <summary>Running mean and variance (Welford) of vectors.</summary>
    sealed class Moments
    {
        private Tensor? mean, m2;
        private int n;

        public void Add(Tensor x)
        {
            n++;
            if (mean is null) { mean = x.clone(); m2 = zeros_like(x); x.Dispose(); return; }
            using var delta = x - mean;
            mean.add_(delta / n);
            using var delta2 = x - mean;
            m2!.add_(delta * delta2);
            x.Dispose();
        }

        public (Tensor Mean, Tensor Variance) Result() => (mean!, m2! / (n - 1));
    }
}
