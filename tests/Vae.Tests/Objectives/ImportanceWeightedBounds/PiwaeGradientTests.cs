using TorchSharp.Modules;
using Vae.Data;
using Vae.Distributions;
using Vae.Models;
using Vae.Objectives;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Objectives.ImportanceWeightedBounds;

/// <summary>PIWAE's two gradients, routed by the trainer's backward pass, against autograd of each bound written out here.</summary>
public class PiwaeGradientTests
{
    const int M = 3, K = 4;

    [Fact]
    public void The_Encoder_Takes_The_Gradient_Of_Miwae_And_The_Decoder_That_Of_Iwae_Of_All_Draws()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(TestModels.SmallMlp(likelihood: LikelihoodKind.GaussianPerFeature), seed: 5);
        var x = Fixtures.Uniform(6, DataShape.Vector(16), seed: 4).ToTensor(CPU);
        var encoder = model.EncoderParameters().ToHashSet();
        var rest = model.parameters().Where(p => !encoder.Contains(p)).ToArray();
        Assert.NotEmpty(rest);
        Assert.Contains(rest, p => ReferenceEquals(p, model.Likelihood.parameters().FirstOrDefault()));   // the learned noise scale is on the generative side

        // The trainer's path: the objective's step, then its backward into FlatAdam's one gradient buffer.
        using var adam = new FlatAdam(model.named_parameters(), 1e-3);
        var objective = Objective.Create(new ObjectiveOptions { Family = new PiwaeOptions { Samples = K, Groups = M } }, model.Options, 100, 1);
        using (var g = new Generator(21))
        {
            adam.ZeroGrad();
            var (_, value) = objective.Step(model, x, g, new TrainingClock(0, 1, 1));
            ObjectiveGradients.Backward(model, value.Loss, value.EncoderLoss);
        }
        var routed = model.parameters().ToDictionary(p => p, p => p.grad!.clone());

        // The reference: both bounds from the same draws, each differentiated by autograd.
        Tensor iwae, miwae;
        using (var g = new Generator(21))
        {
            var q = model.Encode(x);
            var z = q.Sample(M * K, g);                                                     // [M·K, B, d]
            var w = model.LogLikelihood(x, z) + Prior.StandardNormal.LogProb(z) - q.LogProb(z);   // [M·K, B]
            iwae = (w.logsumexp(dim: 0) - Math.Log(M * K)).mean();
            miwae = stack(Enumerable.Range(0, M).Select(m => w.narrow(0, m * K, K).logsumexp(dim: 0) - Math.Log(K)).ToArray()).mean();
        }
        var all = model.parameters().ToArray();
        var byIwae = autograd.grad([-iwae], all, retain_graph: true);
        var byMiwae = autograd.grad([-miwae], all);
        for (int i = 0; i < all.Length; i++)
        {
            var expected = encoder.Contains(all[i]) ? byMiwae[i] : byIwae[i];
            Assert.True(routed[all[i]].allclose(expected, rtol: 1e-4, atol: 1e-6), $"parameter {i} ({(encoder.Contains(all[i]) ? "encoder" : "generative")})");
        }
        // The two bounds' encoder gradients differ, so the routing is visible.
        var first = model.EncoderParameters().First();
        int index = Array.IndexOf(all, first);
        Assert.False(byIwae[index].allclose(byMiwae[index], rtol: 1e-3, atol: 1e-5));
    }

    [Fact]
    public void Encoder_Parameters_The_Encoder_Loss_Does_Not_Reach_Get_A_Zero_Gradient()
    {
        using var scope = NewDisposeScope();
        using var model = new VaeModel(TestModels.SmallMlp(), seed: 5);
        var x = Fixtures.Uniform(6, DataShape.Vector(16), seed: 4).ToTensor(CPU);
        using var adam = new FlatAdam(model.named_parameters(), 1e-3);
        adam.ZeroGrad();
        var loss = model.Terms(x).Elbo.mean().neg();
        ObjectiveGradients.Backward(model, loss, model.PosteriorHead.bias!.square().sum());   // reaches the head's bias alone
        var bias = model.PosteriorHead.bias!;
        Assert.True(bias.grad!.equal(2 * bias.detach()).all().item<bool>());
        Assert.All(model.EncoderParameters().Where(p => !ReferenceEquals(p, bias)), p => Assert.Equal(0, p.grad!.abs().sum().item<float>()));
        Assert.Contains(model.parameters().Except(model.EncoderParameters()), p => p.grad!.abs().sum().item<float>() > 0);
    }
}
