using Vae.Data;
using Vae.Distributions;
using Vae.Models;
using Vae.Objectives;
using static TorchSharp.torch;

namespace Vae.Tests.Objectives.ImportanceWeightedBounds;

/// <summary>The importance-weighted objectives against the ELBO and against log weights computed here, from the same draws.</summary>
public class BoundIdentityTests
{
    static readonly TrainingClock Clock = new(0, 10, 100);

    static (VaeModel Model, Tensor X) SmallModel()
    {
        var model = new VaeModel(TestModels.SmallMlp(), seed: 3);
        var x = Fixtures.Uniform(8, DataShape.Vector(16), seed: 2).Binarized(1).ToTensor(CPU);
        return (model, x);
    }

    static (ElboTerms Terms, ObjectiveValue Value) Step(VaeModel model, Tensor x, ImportanceWeightedOptions bound, ulong seed = 11)
    {
        var objective = Objective.Create(new ObjectiveOptions { Family = bound }, model.Options, 100, 1);
        using var g = new Generator(seed);
        return objective.Step(model, x, g, Clock);
    }

    // log w = log p(x|z) + log N(z; 0, I) − log N(z; μ, σ²), written out here from the decoder's likelihood and the encoder's μ, log σ²: [K, B] in float64.
    static double[,] LogWeights(VaeModel model, Tensor x, int k, ulong seed = 11)
    {
        using var g = new Generator(seed);
        var q = (DiagonalGaussian)model.Encode(x);
        var z = q.Sample(k, g);
        var logLikelihood = model.LogLikelihood(x, z).to(ScalarType.Float64);
        var (zd, mu, logVar) = (z.to(ScalarType.Float64), q.Mean.to(ScalarType.Float64), q.LogVariance!.to(ScalarType.Float64));
        double log2Pi = Math.Log(2 * Math.PI);
        var logPrior = (-0.5 * (zd * zd + log2Pi)).sum(-1);
        var logQ = (-0.5 * ((zd - mu).square() / logVar.exp() + logVar + log2Pi)).sum(-1);
        var w = (logLikelihood + logPrior - logQ).contiguous().data<double>().ToArray();
        long b = x.shape[0];
        var result = new double[k, b];
        for (int i = 0; i < k; i++) for (int j = 0; j < b; j++) result[i, j] = w[i * b + j];
        return result;
    }

    // log (1/n) Σ exp(w_i) for i in [from, from + n) of example j, in float64.
    static double LogMeanExp(double[,] w, int j, int from, int n)
    {
        double max = Enumerable.Range(from, n).Max(i => w[i, j]);
        return max + Math.Log(Enumerable.Range(from, n).Sum(i => Math.Exp(w[i, j] - max)) / n);
    }

    static double BatchMean(double[,] w, Func<int, double> perExample) => Enumerable.Range(0, w.GetLength(1)).Average(perExample);

    static float Value(Tensor t) => t.item<float>();

    [Fact]
    public void Iwae_With_One_Sample_Is_Exactly_The_One_Sample_Elbo_Of_The_Same_Draw()
    {
        using var scope = NewDisposeScope();
        var (model, x) = SmallModel();
        using var _ = model;
        using var noGrad = no_grad();
        var (terms, value) = Step(model, x, new IwaeOptions { Samples = 1 });

        using var g = new Generator(11);
        var q = model.Encode(x);
        var z = q.Sample(g);                                                       // [B, d]: the same ε as one of K = 1 samples
        var logLikelihood = model.LogLikelihood(x, z);
        var elbo = logLikelihood + Prior.StandardNormal.LogProb(z) - q.LogProb(z);  // log p(x|z) + log p(z) − log q(z|x)
        Assert.Equal(Value(elbo.mean()), Value(value.Terms[0]));
        Assert.Equal(Value(-elbo.mean()), Value(value.Loss));
        Assert.True(terms.LogLikelihood.equal(logLikelihood).all().item<bool>());
        Assert.True(terms.Kl.equal(q.KlToStandardNormal()).all().item<bool>());
        Assert.True(terms.Z.equal(z).all().item<bool>());
    }

    [Fact]
    public void Iwae_Is_The_Log_Mean_Exp_Of_Independently_Computed_Log_Weights()
    {
        using var scope = NewDisposeScope();
        var (model, x) = SmallModel();
        using var _ = model;
        using var noGrad = no_grad();
        var w = LogWeights(model, x, 7);
        double expected = BatchMean(w, j => LogMeanExp(w, j, 0, 7));
        var (_, value) = Step(model, x, new IwaeOptions { Samples = 7 });
        Assert.Equal(expected, Value(value.Terms[0]), 3);
        Assert.Equal(-expected, Value(value.Loss), 3);
        double elbo = BatchMean(w, j => Enumerable.Range(0, 7).Average(i => w[i, j]));
        Assert.True(expected > elbo + 0.01, $"IWAE_7 {expected} should be visibly above the 7-sample ELBO {elbo} on an untrained model");
    }

    [Fact]
    public void Miwae_Is_The_Mean_Of_Independent_Group_Bounds_And_With_One_Group_Is_Iwae()
    {
        using var scope = NewDisposeScope();
        var (model, x) = SmallModel();
        using var _ = model;
        using var noGrad = no_grad();
        var w = LogWeights(model, x, 12);
        double expected = BatchMean(w, j => Enumerable.Range(0, 3).Average(m => LogMeanExp(w, j, 4 * m, 4)));
        var (_, miwae) = Step(model, x, new MiwaeOptions { Samples = 4, Groups = 3 });
        Assert.Equal(expected, Value(miwae.Terms[0]), 3);
        Assert.Equal(BatchMean(w, j => LogMeanExp(w, j, 0, 12)), Value(miwae.Terms[1]), 3);   // iw_bound: IWAE_12 of the same draws

        var (_, oneGroup) = Step(model, x, new MiwaeOptions { Samples = 6, Groups = 1 });
        var (_, iwae) = Step(model, x, new IwaeOptions { Samples = 6 });
        Assert.Equal(Value(iwae.Loss), Value(oneGroup.Loss));
    }

    [Fact]
    public void Ciwae_With_Beta_One_Is_The_Elbo_And_With_Beta_Zero_Is_Iwae()
    {
        using var scope = NewDisposeScope();
        var (model, x) = SmallModel();
        using var _ = model;
        using var noGrad = no_grad();
        var w = LogWeights(model, x, 5);
        var (_, elbo) = Step(model, x, new CiwaeOptions { Samples = 5, Beta = 1 });
        Assert.Equal(BatchMean(w, j => Enumerable.Range(0, 5).Average(i => w[i, j])), Value(elbo.Terms[0]), 3);
        Assert.Equal(Value(elbo.Terms[2]), Value(elbo.Terms[0]));    // ciwae_bound = elbo_bound

        var (_, iwaeEnd) = Step(model, x, new CiwaeOptions { Samples = 5, Beta = 0 });
        var (_, iwae) = Step(model, x, new IwaeOptions { Samples = 5 });
        Assert.Equal(Value(iwae.Loss), Value(iwaeEnd.Loss));

        var (_, half) = Step(model, x, new CiwaeOptions { Samples = 5, Beta = 0.25 });
        Assert.Equal(0.25 * Value(elbo.Terms[0]) + 0.75 * Value(iwae.Terms[0]), Value(half.Terms[0]), 3);
    }
}
