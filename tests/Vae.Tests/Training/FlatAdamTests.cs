using Vae.Data;
using Vae.Models;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Training;

public class FlatAdamTests
{
    [Fact]
    public void Flat_Adam_Takes_The_Same_Steps_As_Torch_Adam()
    {
        using var a = new VaeModel(TestModels.SmallMlp(), seed: 3);
        using var b = new VaeModel(TestModels.SmallMlp(), seed: 3);
        using var flat = new FlatAdam(a.named_parameters(), 0.01);
        using var reference = optim.Adam(b.parameters(), lr: 0.01);
        var x = Fixtures.Uniform(32, Vae.Data.DataShape.Vector(16), seed: 1).Binarized(1);
        for (int step = 0; step < 20; step++)
        {
            using var scope = NewDisposeScope();
            var batch = x.ToTensor(CPU);
            using var g1 = new Generator(100 + (ulong)step);
            using var g2 = new Generator(100 + (ulong)step);
            flat.ZeroGrad();
            (-a.Terms(batch, g1).Elbo.mean()).backward();
            flat.Step();
            reference.zero_grad();
            (-b.Terms(batch, g2).Elbo.mean()).backward();
            reference.step();
        }
        foreach (var ((name, p), (_, q)) in a.named_parameters().Zip(b.named_parameters()))
            Assert.True(p.allclose(q, rtol: 1e-4, atol: 1e-6), name);
    }

    [Fact]
    public void Parameters_And_Gradients_Live_In_One_Buffer_And_Survive_Loading_Weights()
    {
        using var model = new VaeModel(TestModels.SmallMlp(), seed: 3);
        using var other = new VaeModel(TestModels.SmallMlp(), seed: 9);
        using var flat = new FlatAdam(model.named_parameters(), 0.01);
        using (no_grad()) model.load_state_dict(other.state_dict());
        var x = Fixtures.Uniform(8, Vae.Data.DataShape.Vector(16), seed: 1).Binarized(1).ToTensor(CPU);
        flat.ZeroGrad();
        (-model.Terms(x).Elbo.mean()).backward();
        var before = model.parameters().Select(p => p.detach().clone()).ToList();
        flat.Step();
        // Every parameter moved: the update reached them through the shared buffer.
        foreach (var (p, old) in model.parameters().Zip(before)) Assert.False(p.allclose(old), "a parameter did not move");
        var (norm, _) = flat.CheckGradients(null);
        Assert.True(norm > 0);
    }
}
