using System.Text.Json;
using Vae.Distributions;
using Vae.IO;
using Vae.Models;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Tests.Models;

public class VqVaeTests
{
    static readonly VectorQuantizerOptions Small = new() { Codes = 7, CodeSize = 3, Grid = 2, Commitment = 0.25 };

    static VectorQuantizer Quantizer(VectorQuantizerOptions options, int seed = 1)
    {
        var q = new VectorQuantizer(options);
        using var g = new Generator((ulong)seed);
        q.Reset(g);
        // Spread the codes (the initial ±1/K codes are all near the origin) so that the nearest one is not always the shortest.
        using (no_grad()) q.Codebook.mul_(options.Codes);
        return q;
    }

    static QuantizedPosterior Quantize(VectorQuantizer q, Tensor encoded) =>
        (QuantizedPosterior)q.Extend(DiagonalGaussian.PointMass(encoded), zeros(encoded.shape[0], 1));

    [Fact]
    public void Each_Code_Vector_Goes_To_The_Codebook_Entry_Nearest_By_A_Direct_Distance_Computation()
    {
        using var scope = NewDisposeScope();
        using var q = Quantizer(Small);
        using var g = new Generator(2);
        var encoded = randn([50, Small.LatentSize], generator: g);
        var posterior = Quantize(q, encoded);
        var z = encoded.data<float>().ToArray();
        var codebook = q.Codebook.detach().data<float>().ToArray();
        var indices = posterior.Indices.data<long>().ToArray();
        var quantized = posterior.Quantized.detach().data<float>().ToArray();
        int e = Small.CodeSize;
        for (int v = 0; v < 50 * Small.Positions; v++)
        {
            double best = double.MaxValue;
            int nearest = -1;
            for (int k = 0; k < Small.Codes; k++)
            {
                double d = 0;
                for (int j = 0; j < e; j++) d += Math.Pow((double)z[v * e + j] - codebook[k * e + j], 2);
                if (d < best) (best, nearest) = (d, k);
            }
            Assert.Equal(nearest, indices[v]);
            for (int j = 0; j < e; j++) Assert.Equal(codebook[nearest * e + j], quantized[v * e + j]);
        }
        Assert.True(posterior.Indices.unique().Item1.numel() > 3, "the test should exercise several codes");
        Assert.True(posterior.Mean.allclose(posterior.Quantized, rtol: 0, atol: 1e-6), "z_q has the codes' values");
    }

    [Fact]
    public void The_Straight_Through_Gradient_Reaches_The_Encoder_As_That_Of_The_Identity()
    {
        using var scope = NewDisposeScope();
        using var q = Quantizer(Small);
        using var g = new Generator(3);
        var encoded = randn([6, Small.LatentSize], generator: g).requires_grad_(true);
        var weights = randn([6, Small.LatentSize], generator: g);
        (Quantize(q, encoded).Mean * weights).sum().backward();
        Assert.True(encoded.grad!.equal(weights).all().item<bool>(), "∂(w·z_q)/∂z_e = w");
        Assert.True(q.Codebook.grad is null || q.Codebook.grad.abs().sum().item<float>() == 0, "the decoder's gradient does not reach the codebook");
    }

    [Fact]
    public void The_Penalty_Is_The_Codebook_Loss_Plus_Beta_Times_The_Commitment_Loss_With_Their_Gradients()
    {
        using var scope = NewDisposeScope();
        using var q = Quantizer(Small);
        using var g = new Generator(4);
        var encoded = randn([5, Small.LatentSize], generator: g).requires_grad_(true);
        var posterior = Quantize(q, encoded);
        var penalty = q.Penalty(posterior)!;
        // ‖sg[z_e] − e‖² + β‖z_e − sg[e]‖² = (1 + β)‖z_e − e‖² in value, computed from the indices directly
        var z = encoded.detach().to(ScalarType.Float64);
        var e = q.Codebook.detach().to(ScalarType.Float64).index_select(0, posterior.Indices.flatten()).view(5, -1);
        var expected = (1 + Small.Commitment) * (z - e).square().sum(-1);
        Assert.True(penalty.to(ScalarType.Float64).allclose(expected, rtol: 1e-5, atol: 1e-5), $"{penalty} vs {expected}");
        penalty.sum().backward();
        // ∂/∂z_e = 2β(z_e − e); ∂/∂c_k = −2 Σ_{vectors assigned to k} (z_e − c_k)
        Assert.True(encoded.grad!.to(ScalarType.Float64).allclose(2 * Small.Commitment * (z - e), rtol: 1e-5, atol: 1e-5));
        var expectedCodebook = zeros([Small.Codes, Small.CodeSize], dtype: ScalarType.Float64)
            .index_add(0, posterior.Indices.flatten(), -2 * (z - e).view(-1, Small.CodeSize), 1.0);
        Assert.True(q.Codebook.grad!.to(ScalarType.Float64).allclose(expectedCodebook, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void The_Model_Loss_Adds_The_Penalty_To_The_Reconstruction_And_Has_No_Kl()
    {
        using var scope = NewDisposeScope();
        var options = TestModels.SmallMlp(latent: Small.LatentSize) with { Posterior = PosteriorKind.PointMass, PosteriorExtension = Small };
        using var model = new VaeModel(options, seed: 5);
        using var g = new Generator(6);
        var batch = new Batch(rand([8, 16], generator: g).round());
        var terms = model.Terms(batch, g);
        Assert.Equal(0, terms.Kl.abs().sum().item<float>());
        var loss = new Vae.Objectives.Objective(Vae.Objectives.ObjectiveOptions.Elbo).Loss(terms, 1);
        Assert.Equal((-terms.LogLikelihood.mean() + terms.Penalty!.mean()).item<float>(), loss.item<float>(), 5);
        Assert.Contains(model.named_parameters(), p => p.name == "extension.codebook");
        Assert.IsType<UniformCodePrior>(model.Prior);
        var drawn = model.Prior.Sample(4, model.Latent, CPU, g);   // uniform codes, as codebook vectors
        var codes = ((VectorQuantizer)model.Extension!).Codebook;
        foreach (var row in drawn.view(-1, Small.CodeSize).split(1))
            Assert.True(codes.eq(row).all(dim: 1).any().item<bool>(), "every drawn vector is a codebook entry");
    }

    [Fact]
    public void A_Quantizer_Needs_A_Point_Mass_Model_Whose_Latent_Size_Is_The_Grid_Of_Codes()
    {
        var ae = TestModels.SmallMlp(latent: Small.LatentSize) with { Posterior = PosteriorKind.PointMass, PosteriorExtension = Small };
        Assert.Contains("point-mass", Assert.Throws<VaeException>(() => new VaeModel(ae with { Posterior = PosteriorKind.Diagonal }, 1)).Message);
        Assert.Contains("2² × 3 = 12", Assert.Throws<VaeException>(() => new VaeModel(ae with { Latent = 5 }, 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new VectorQuantizerOptions { Codes = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new VectorQuantizerOptions { Commitment = double.NaN });
    }

    [Fact]
    public void The_Quantizer_Survives_A_Config_Round_Trip()
    {
        using var tmp = new TempDir();
        var config = new RunConfig { Model = ModelOptions.MnistMlp with { Posterior = PosteriorKind.PointMass, Latent = 64, PosteriorExtension = new VectorQuantizerOptions { Codes = 32, CodeSize = 4, Grid = 4, Commitment = 0.5 } } };
        string path = tmp.File("config.json");
        File.WriteAllText(path, JsonSerializer.Serialize(config, Json.Strict));
        Assert.Contains("\"kind\": \"vq\"", File.ReadAllText(path));
        Assert.Equal(config.Model.PosteriorExtension, Json.ReadComplete<RunConfig>(path).Model.PosteriorExtension);
    }
}
