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
        var x = Fixtures.Uniform(32, DataShape.Vector(16), seed: 1).Binarized(1);
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
        var x = Fixtures.Uniform(8, DataShape.Vector(16), seed: 1).Binarized(1).ToTensor(CPU);
        flat.ZeroGrad();
        (-model.Terms(x).Elbo.mean()).backward();
        var before = model.parameters().Select(p => p.detach().clone()).ToList();
        flat.Step();
        // Every parameter moved: the update reached them through the shared buffer.
        foreach (var (p, old) in model.parameters().Zip(before)) Assert.False(p.allclose(old), "a parameter did not move");
        var (norm, _) = flat.CheckGradients(null);
        Assert.True(norm > 0);
    }

    [Fact]
    public void Fused_Step_Gives_The_Same_Bits_As_Libtorch_Kernels()
    {
        // The reference model (652,824 parameters: ten parallel chunks and a vector tail) and gradients of
        // very different sizes, so the moments cover many magnitudes.
        using var a = new VaeModel(ModelOptions.MnistMlp, seed: 3);
        using var b = new VaeModel(ModelOptions.MnistMlp, seed: 3);
        using var fused = new FlatAdam(a.named_parameters(), 1e-3);
        using var kernels = new FlatAdam(b.named_parameters(), 1e-3, fuse: false);
        Assert.False(kernels.Fused);
        Assert.Equal(System.Runtime.Intrinsics.X86.Fma.IsSupported, fused.Fused);
        using var data = new Generator(5);
        for (int step = 0; step < 12; step++)
        {
            using var scope = NewDisposeScope();
            var x = rand(new long[] { 16, 784 }, generator: data).bernoulli(data) * (step % 3 == 0 ? 1e-3 : 1.0);
            fused.ZeroGrad();
            kernels.ZeroGrad();
            using (var g1 = new Generator(100 + (ulong)step)) (-a.Terms(x, g1).Elbo.mean()).backward();
            using (var g2 = new Generator(100 + (ulong)step)) (-b.Terms(x, g2).Elbo.mean()).backward();
            fused.Step();
            kernels.Step();
        }
        foreach (var ((name, p), (_, q)) in a.named_parameters().Zip(b.named_parameters()))
            Assert.True(p.eq(q).all().item<bool>(), $"{name} differs (largest difference {(p - q).abs().max().item<float>():G3})");
        Assert.False(a.named_parameters().Zip(new VaeModel(ModelOptions.MnistMlp, seed: 3).named_parameters()).All(t => t.First.parameter.eq(t.Second.parameter).all().item<bool>()), "the steps moved nothing");
    }
}
