using System.Text.Json;
using TorchSharp;
using Vae.Distributions;
using Vae.IO;
using Vae.Models;
using Vae.Objectives;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Tests.Objectives;

public class RegularizedObjectiveTests
{
    static readonly TrainingClock Clock = new(0, 1, 1);

    static ModelOptions Vae => TestModels.SmallMlp(input: 16, latent: 3);

    static ModelOptions Autoencoder => Vae with { Posterior = PosteriorKind.PointMass };

    static Tensor Data(int rows = 8, int columns = 16)
    {
        using var g = new Generator(17);
        return rand([rows, columns], generator: g).round();
    }

    static Objective Create(ObjectiveFamilyOptions family, ModelOptions model, ObjectiveOptions? options = null) =>
        Objective.Create((options ?? ObjectiveOptions.Elbo) with { Family = family }, model, datasetSize: 100, seed: 1);

    [Fact]
    public void Info_Vae_With_Alpha_0_And_Lambda_1_Equals_The_Elbo_Loss()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(Vae, 2);
        var x = Data();
        using var g1 = new Generator(7);
        using var g2 = new Generator(7);
        var (elboTerms, elbo) = Objective.Create(ObjectiveOptions.Elbo, Vae, 100, 1).Step(model, x, g1, Clock);
        var (infoTerms, info) = Create(new InfoVaeOptions { Alpha = 0, Lambda = 1 }, Vae).Step(model, x, g2, Clock);
        Assert.Equal(elboTerms.Z.data<float>().ToArray(), infoTerms.Z.data<float>().ToArray());
        Assert.Equal(elbo.Loss.item<float>(), info.Loss.item<float>());
        Assert.Equal(-elboTerms.Elbo.mean().item<float>(), info.Loss.item<float>(), 4);
        Assert.NotEqual(0f, info.Terms[0].item<float>());   // the MMD is measured, with weight α + λ − 1 = 0
    }

    [Fact]
    public void Info_Vae_Weights_The_Kl_By_One_Minus_Alpha_And_The_Mmd_By_Alpha_Plus_Lambda_Minus_One()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(Vae, 2);
        var x = Data();
        using var g1 = new Generator(7);
        using var g2 = new Generator(7);
        var (_, value) = Create(new InfoVaeOptions { Alpha = 0.25, Lambda = 3 }, Vae).Step(model, x, g1, Clock);
        var terms = model.Terms(x, g2);
        var mmd = Mmd.Unbiased(terms.Z, randn([8, 3], generator: g2), MmdKernel.Imq);
        double expected = -terms.LogLikelihood.mean().item<float>() + 0.75 * terms.Kl.mean().item<float>() + 2.25 * mmd.item<float>();
        Assert.Equal(expected, value.Loss.item<float>(), 3);
        Assert.Equal(mmd.item<float>(), value.Terms[0].item<float>());
    }

    [Theory]
    [InlineData(false, MmdKernel.Imq)]
    [InlineData(true, MmdKernel.Rbf)]
    public void Wae_Mmd_Loss_Is_The_Reconstruction_Plus_Lambda_Times_The_Mmd_To_Prior_Draws(bool stochastic, MmdKernel kernel)
    {
        using var scope = NewDisposeScope();
        var options = stochastic ? Vae : Autoencoder;
        using var model = new VaeModel(options, 2);
        var x = Data();
        using var g1 = new Generator(7);
        using var g2 = new Generator(7);
        var objective = Create(new WaeMmdOptions { MmdWeight = 10, Kernel = kernel }, options);
        var (_, value) = objective.Step(model, x, g1, Clock);
        var terms = model.Terms(x, g2);                                  // ε (a Gaussian encoder) first, then the prior draws
        var mmd = Mmd.Unbiased(terms.Z, randn([8, 3], generator: g2), kernel).item<float>();
        Assert.Equal(-terms.LogLikelihood.mean().item<float>() + 10 * mmd, value.Loss.item<float>(), 3);
        Assert.Equal(mmd, value.Terms[0].item<float>());
        Assert.Equal(["mmd"], objective.TermNames);
        Assert.Equal(0, objective.KlWeight(Clock));
    }

    [Fact]
    public void Decoder_Decay_Is_The_Sum_Of_Squares_Of_The_Decoder_Parameters()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(Autoencoder, 2);
        double manual = model.named_parameters().Where(p => p.name.StartsWith("decoder.", StringComparison.Ordinal))
            .Sum(p => p.parameter.to(ScalarType.Float64).square().sum().item<double>());
        double all = model.parameters().Sum(p => p.to(ScalarType.Float64).square().sum().item<double>());
        Assert.True(manual > 0 && manual < all);
        Assert.Equal(manual, RaeL2Objective.DecoderDecay(model).item<float>(), manual * 1e-6);
    }

    [Fact]
    public void Rae_L2_Loss_Adds_Beta_Times_Half_The_Squared_Code_Norm_And_The_Weighted_Decay()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(Autoencoder, 2);
        var x = Data();
        var objective = Create(new RaeL2Options { LatentWeight = 0.5, DecoderDecay = 0.01 }, Autoencoder);
        var (terms, value) = objective.Step(model, x, null, Clock);
        var z = model.Encode(x).Mean.to(ScalarType.Float64);
        double zNorm = (0.5 * z.square().sum(-1)).mean().item<double>();
        double decay = RaeL2Objective.DecoderDecay(model).item<float>();
        Assert.Equal(["z_norm", "decoder_decay"], objective.TermNames);
        Assert.Equal(zNorm, value.Terms[0].item<float>(), 4);
        Assert.Equal(decay, value.Terms[1].item<float>(), 4);
        Assert.Equal(-terms.LogLikelihood.mean().item<float>() + 0.5 * zNorm + 0.01 * decay, value.Loss.item<float>(), 3);
    }

    [Fact]
    public void Gradient_Penalty_Matches_Finite_Differences_Of_The_Decoded_Mean_And_Has_A_Second_Order_Gradient()
    {
        using var scope = NewDisposeScope();
        var options = TestModels.SmallMlp(input: 5, latent: 2) with { Posterior = PosteriorKind.PointMass };
        using var model = new VaeModel(options, 3);
        model.to(ScalarType.Float64);
        using var g = new Generator(9);
        var x = rand([4, 5], dtype: ScalarType.Float64, generator: g);
        var z = randn([4, 2], dtype: ScalarType.Float64, generator: g).requires_grad_();
        var penalty = RaeGpObjective.GradientPenalty(model, x, z);                                 // [4]

        // Σ_i ∂D_i/∂z_j by central differences, then the squared norm over j, per example.
        double SummedOutput(Tensor at, int row) { using var _ = no_grad(); return model.Likelihood.Mean(model.Decode(at, x))[row].sum().item<double>(); }
        const double h = 1e-6;
        for (int b = 0; b < 4; b++)
        {
            double expected = 0;
            for (int j = 0; j < 2; j++)
            {
                var step = zeros([4, 2], dtype: ScalarType.Float64);
                step[b, j] = tensor(h, dtype: ScalarType.Float64);
                double d = (SummedOutput(z.detach() + step, b) - SummedOutput(z.detach() - step, b)) / (2 * h);
                expected += d * d;
            }
            Assert.Equal(expected, penalty[b].item<double>(), 7);
        }

        // The penalty's gradient with respect to a decoder weight (through create_graph), against finite differences.
        var weight = model.Decoder.parameters().First();
        penalty.sum().backward();
        double analytic = weight.grad![0, 0].item<double>();
        double Penalty(double shift)
        {
            using (no_grad()) weight[0, 0].add_(shift);
            double value = RaeGpObjective.GradientPenalty(model, x, z.detach()).sum().item<double>();
            using (no_grad()) weight[0, 0].sub_(shift);
            return value;
        }
        Assert.NotEqual(0, analytic);
        Assert.Equal((Penalty(h) - Penalty(-h)) / (2 * h), analytic, 6);
    }

    [Fact]
    public void Bad_Combinations_And_Weights_Are_Rejected_With_A_Clear_Message()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WaeMmdOptions { MmdWeight = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new InfoVaeOptions { Alpha = 1.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new InfoVaeOptions { Lambda = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RaeL2Options { LatentWeight = -0.1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RaeL2Options { DecoderDecay = double.PositiveInfinity });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RaeGpOptions { GradientPenalty = double.NaN });
        Assert.Contains("needs a VAE", Assert.Throws<VaeException>(() => Create(new InfoVaeOptions(), Autoencoder)).Message);
        Assert.Contains("α + λ ≥ 1", Assert.Throws<VaeException>(() => Create(new InfoVaeOptions { Alpha = 0, Lambda = 0.5 }, Vae)).Message);
        Assert.Contains("deterministic", Assert.Throws<VaeException>(() => Create(new RaeL2Options(), Vae)).Message);
        Assert.Contains("deterministic", Assert.Throws<VaeException>(() => Create(new RaeGpOptions(), Vae)).Message);
        Assert.Contains("leave --beta at 1", Assert.Throws<VaeException>(() => Create(new WaeMmdOptions(), Autoencoder, ObjectiveOptions.Elbo with { Beta = 2 })).Message);
        Assert.Contains("free bits", Assert.Throws<VaeException>(() => Create(new InfoVaeOptions(), Vae, ObjectiveOptions.Elbo with { FreeBits = 1 })).Message);
        Assert.IsType<WaeMmdObjective>(Create(new WaeMmdOptions(), Vae));   // a Gaussian encoder is allowed: the stochastic WAE
    }

    public static TheoryData<ObjectiveFamilyOptions, string> Families => new()
    {
        { new WaeMmdOptions { MmdWeight = 3, Kernel = MmdKernel.Rbf }, "wae-mmd" },
        { new InfoVaeOptions { Alpha = -1, Lambda = 5 }, "info-vae" },
        { new RaeL2Options { LatentWeight = 0.25, DecoderDecay = 1e-3 }, "rae-l2" },
        { new RaeGpOptions { LatentWeight = 0.5, GradientPenalty = 2e-3 }, "rae-gp" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void The_Family_Survives_A_Config_Round_Trip(ObjectiveFamilyOptions family, string kind)
    {
        using var tmp = new TempDir();
        var config = new RunConfig { Objective = ObjectiveOptions.Elbo with { Family = family } };
        string path = tmp.File("config.json");
        File.WriteAllText(path, JsonSerializer.Serialize(config, Json.Strict));
        Assert.Contains($"\"kind\": \"{kind}\"", File.ReadAllText(path));
        Assert.Equal(family, Json.ReadComplete<RunConfig>(path).Objective.Family);
        Assert.Equal(kind, family.Name);
    }
}
