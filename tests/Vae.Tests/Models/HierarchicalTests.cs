using Vae.Models;
using Vae.Objectives;
using static TorchSharp.torch;

namespace Vae.Tests.Models;

/// <summary>
/// The two-layer model against computations by hand: its networks run from their weights in double precision, and
/// Gaussian log-densities from the formula.
/// </summary>
public class HierarchicalTests
{
    const int D = 16, D1 = 3, D2 = 2;

    static ModelOptions Options(PriorOptions? prior = null) => TestModels.SmallMlp(D, D1) with
    {
        PosteriorExtension = new HierarchicalOptions { TopLatent = D2, TopHidden = [5, 4] },
        Prior = prior,
    };

    /// <summary>A stochastic layer's network by hand: linear layers from the model's weights, tanh between them; the last gives μ then log σ².</summary>
    sealed class ManualLayer(VaeModel model, string prefix)
    {
        readonly List<(double[,] W, double[] B)> layers = Layers(model, prefix);

        static List<(double[,], double[])> Layers(VaeModel model, string prefix)
        {
            var p = model.named_parameters().Where(n => n.name.StartsWith(prefix, StringComparison.Ordinal)).Select(n => n.parameter).ToList();
            var result = new List<(double[,], double[])>();
            for (int i = 0; i < p.Count; i += 2)
            {
                long rows = p[i].shape[0], cols = p[i].shape[1];
                var w = p[i].detach().to(ScalarType.Float64).data<double>().ToArray();
                var m = new double[rows, cols];
                for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) m[r, c] = w[r * cols + c];
                result.Add((m, p[i + 1].detach().to(ScalarType.Float64).data<double>().ToArray()));
            }
            return result;
        }

        public (double[] Mean, double[] LogVar) Given(double[] x)
        {
            for (int l = 0; l < layers.Count; l++)
            {
                var (w, b) = layers[l];
                var y = new double[b.Length];
                for (int r = 0; r < y.Length; r++)
                {
                    y[r] = b[r];
                    for (int c = 0; c < x.Length; c++) y[r] += w[r, c] * x[c];
                    if (l < layers.Count - 1) y[r] = Math.Tanh(y[r]);
                }
                x = y;
            }
            int d = x.Length / 2;
            return (x[..d], x[d..]);
        }
    }

    static double Normal(double[] z, double[] mean, double[] logVar) =>
        z.Select((v, j) => -0.5 * (Math.Log(2 * Math.PI) + logVar[j] + (v - mean[j]) * (v - mean[j]) / Math.Exp(logVar[j]))).Sum();

    static double[] Row(Tensor t, long i) => t[i].to(ScalarType.Float64).data<double>().ToArray();

    static Tensor Inputs(int n, int seed)
    {
        using var g = new Generator((ulong)seed);
        return rand([n, D], generator: g);
    }

    // log q(z|x) = log N(z₁; μ₁(x), σ₁²(x)) + log N(z₂; up(z₁)), with μ₁, log σ₁² from the encoder head's raw output
    static double LogQ(VaeModel model, Tensor raw, long i, double[] z)
    {
        var r = Row(raw, i);
        var (m2, v2) = new ManualLayer(model, "extension.up.").Given(z[..D1]);
        return Normal(z[..D1], r[..D1], r[D1..]) + Normal(z[D1..], m2, v2);
    }

    // log p(z) = log N(z₁; down(z₂)) + log N(z₂; 0, I)
    static double LogP(VaeModel model, double[] z)
    {
        var (m1, v1) = new ManualLayer(model, "extension.down.").Given(z[D1..]);
        return Normal(z[..D1], m1, v1) + Normal(z[D1..], new double[D2], new double[D2]);
    }

    [Fact]
    public void Log_Q_And_Log_P_Equal_The_Gaussian_Formulas_Through_Both_Layers()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(Options(), seed: 3);
        using var noGrad = no_grad();
        Assert.Equal(D1 + D2, model.Latent);
        var x = Inputs(4, 1);
        var raw = model.EncodeRaw(x);
        var z = 1.5 * randn([4, D1 + D2], generator: new Generator(2));
        var logQ = model.Encode(x).LogProb(z);
        var logP = model.Prior.LogProb(z);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(LogQ(model, raw, i, Row(z, i)), logQ[i].item<float>(), 1e-4);
            Assert.Equal(LogP(model, Row(z, i)), logP[i].item<float>(), 1e-4);
        }
    }

    [Fact]
    public void The_Elbos_Kl_Is_Log_Q_Minus_Log_P_At_Its_Sample_And_The_Per_Dimension_Terms_Sum_To_It()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(Options(), seed: 4);
        using var noGrad = no_grad();
        var x = Inputs(5, 2);
        var raw = model.EncodeRaw(x);
        var terms = model.Terms(x, new Generator(9));
        Assert.False(terms.LazyKlPerDim.IsValueCreated);   // a training step without free bits never computes the terms
        Assert.Equal(new long[] { 5, D1 + D2 }, terms.Z.shape);
        Assert.Equal(new long[] { 5, D1 + D2 }, terms.KlPerDim.shape);
        for (int i = 0; i < 5; i++)
        {
            var z = Row(terms.Z, i);
            Assert.Equal(LogQ(model, raw, i, z) - LogP(model, z), terms.Kl[i].item<float>(), 1e-4);
            Assert.Equal(terms.Kl[i].item<float>(), terms.KlPerDim[i].sum().item<float>(), 4);
        }
    }

    [Fact]
    public void The_Importance_Sampled_Bound_Is_The_Log_Mean_Of_The_Weights_Over_Both_Layers()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(Options(), seed: 5);
        using var noGrad = no_grad();
        var x = Inputs(3, 3);
        const int k = 40;
        var bound = ImportanceWeighted.Bound(model, x, k, k, new Generator(7));
        // the same draws (the same generator, the same order: z₁ then z₂), weighed by hand
        var (z, logQ) = model.Encode(x).SampleWithLogProb(k, new Generator(7));
        var logLikelihood = model.LogLikelihood(x, z);
        var raw = model.EncodeRaw(x);
        for (int i = 0; i < 3; i++)
        {
            var w = Enumerable.Range(0, k).Select(s =>
            {
                var zs = z[s, i].to(ScalarType.Float64).data<double>().ToArray();
                Assert.Equal(LogQ(model, raw, i, zs), logQ[s, i].item<float>(), 1e-4);
                return logLikelihood[s, i].item<float>() + LogP(model, zs) - LogQ(model, raw, i, zs);
            }).ToArray();
            double max = w.Max();
            Assert.Equal(max + Math.Log(w.Sum(v => Math.Exp(v - max)) / k), bound[i].item<float>(), 1e-3);
        }
    }

    [Fact]
    public void Prior_Samples_Draw_Z2_From_The_Top_Then_Z1_Given_It()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(Options(), seed: 6);
        using var noGrad = no_grad();
        const int n = 20_000;
        var z = model.Prior.Sample(n, model.Latent, CPU, new Generator(1)).to(ScalarType.Float64);
        Assert.Equal(new long[] { n, D1 + D2 }, z.shape);
        var down = new ManualLayer(model, "extension.down.");
        var residuals = new double[D1 + D2][];
        for (int j = 0; j < D1 + D2; j++) residuals[j] = new double[n];
        var values = z.data<double>().ToArray();
        for (int i = 0; i < n; i++)
        {
            var zi = values.AsSpan(i * (D1 + D2), D1 + D2).ToArray();
            var (m1, v1) = down.Given(zi[D1..]);
            for (int j = 0; j < D1; j++) residuals[j][i] = (zi[j] - m1[j]) / Math.Exp(0.5 * v1[j]);
            for (int j = 0; j < D2; j++) residuals[D1 + j][i] = zi[D1 + j];
        }
        // standardized by p(z₁|z₂) (and z₂ itself): N(0, 1) in every coordinate
        foreach (var r in residuals)
        {
            double mean = r.Average(), variance = r.Select(v => (v - mean) * (v - mean)).Average();
            Assert.InRange(mean, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
            Assert.InRange(variance, 0.95, 1.05);
        }
    }

    [Fact]
    public void With_A_VampPrior_The_Top_Layer_Is_A_Mixture_Of_Q_Z2_At_The_Pseudo_Inputs_Means()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(Options(new VampPriorOptions { Components = 3 }), seed: 7);
        using var noGrad = no_grad();
        var u = ((VampPrior)model.PriorModule!).PseudoInputs;
        var uRaw = model.EncodeRaw(u);
        var up = new ManualLayer(model, "extension.up.");
        var down = new ManualLayer(model, "extension.down.");
        var z = randn([4, D1 + D2], generator: new Generator(3));
        var logP = model.Prior.LogProb(z);
        for (int i = 0; i < 4; i++)
        {
            var zi = Row(z, i);
            var (m1, v1) = down.Given(zi[D1..]);
            // p(z₂) = (1/K) Σ_k q(z₂ | z₁ = μ₁(u_k))
            var components = Enumerable.Range(0, 3).Select(k =>
            {
                var (m2, v2) = up.Given(Row(uRaw, k)[..D1]);
                return Normal(zi[D1..], m2, v2);
            }).ToArray();
            double max = components.Max();
            double top = max + Math.Log(components.Sum(c => Math.Exp(c - max)) / 3);
            Assert.Equal(Normal(zi[..D1], m1, v1) + top, logP[i].item<float>(), 1e-4);
        }
        var terms = model.Terms(Inputs(2, 4), new Generator(5));
        Assert.Equal(terms.Kl[1].item<float>(), terms.KlPerDim[1].sum().item<float>(), 4);
    }

    [Theory]
    [InlineData("ae")]
    [InlineData("full")]
    [InlineData("property")]
    public void A_Second_Layer_Needs_A_Diagonal_Gaussian_First_Layer_Without_A_Property_Head(string variant)
    {
        var options = variant switch
        {
            "ae" => Options() with { Posterior = Vae.Distributions.PosteriorKind.PointMass },
            "full" => Options() with { Posterior = Vae.Distributions.PosteriorKind.FullCovariance },
            _ => Options() with { PropertyHead = new PropertyHeadOptions { Targets = 1 } },
        };
        var e = Assert.Throws<VaeException>(() => new VaeModel(options, 1));
        Assert.Contains("--top-latent", e.Message);
    }
}
