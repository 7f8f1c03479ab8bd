using TorchSharp;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Tests.Nn;

/// <summary>
/// The OpenBLAS route for linear layers gives libtorch's values and gradients (to float rounding), and
/// without OpenBLAS it is libtorch's own layer. The tests call the route directly; BlasLinear.Enabled
/// belongs to the flow that sets it, so switching it in one test cannot change another's numbers.
/// </summary>
public class BlasLinearTests
{
    [Fact]
    public async Task The_Route_Setting_Belongs_To_The_Flow_That_Sets_It()
    {
        bool before = BlasLinear.Enabled;
        bool inside = await Task.Run(() => { BlasLinear.Enabled = !before; return BlasLinear.Enabled; });
        Assert.Equal(!before, inside);
        Assert.Equal(before, BlasLinear.Enabled);
    }

    static (Tensor Y, Tensor Dx, Tensor Dw, Tensor? Db) Run(TorchSharp.Modules.Linear layer, Tensor x0, bool route)
    {
        layer.zero_grad();
        var x = x0.detach().clone().requires_grad_(true);
        var y = route ? BlasLinear.Route(layer, x) : layer.call(x);
        (y * y.detach().sin()).sum().backward();   // a gradient that is not all ones
        return (y.detach(), x.grad!.clone(), layer.weight!.grad!.clone(), layer.bias?.grad?.clone());
    }

    [Theory]
    [InlineData(128, 784, 400, true)]
    [InlineData(7, 20, 3, true)]
    [InlineData(5, 11, 13, false)]
    public void Values_And_Gradients_Match_Libtorch(int batch, int inputs, int outputs, bool bias)
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(5);
        var layer = nn.Linear(inputs, outputs, hasBias: bias);
        var x = randn(batch, inputs, generator: gen);
        var reference = Run(layer, x, route: false);
        var routed = Run(layer, x, route: true);
        Assert.True(routed.Y.allclose(reference.Y, rtol: 1e-4, atol: 1e-4));
        Assert.True(routed.Dx.allclose(reference.Dx, rtol: 1e-4, atol: 1e-4));
        Assert.True(routed.Dw.allclose(reference.Dw, rtol: 1e-4, atol: 1e-3));
        if (bias) Assert.True(routed.Db!.allclose(reference.Db!, rtol: 1e-4, atol: 1e-4));
        else Assert.Null(routed.Db);
        if (!BlasLinear.Available) Assert.True(routed.Y.equal(reference.Y).all().item<bool>());   // fell back to libtorch itself
    }

    [Fact]
    public void An_Input_That_Needs_No_Gradient_Still_Trains_The_Weights()
    {
        using var scope = NewDisposeScope();
        var layer = nn.Linear(6, 4);
        var y = BlasLinear.Route(layer, ones(3, 6));
        y.sum().backward();
        // d(sum y)/dW = Σ_rows x = 3 everywhere; d/db = 3
        Assert.True(layer.weight!.grad!.allclose(full(4, 6, 3f)));
        Assert.True(layer.bias!.grad!.allclose(full(4, 3f)));
    }

    [Fact]
    public void Without_Gradients_It_Is_A_Plain_Product()
    {
        using var scope = NewDisposeScope();
        var layer = nn.Linear(3, 2);
        using var noGrad = no_grad();
        var x = tensor(new float[] { 1, 2, 3, -1, 0, 4 }).view(2, 3);
        var expected = x.matmul(layer.weight!.t()) + layer.bias!;
        Assert.True(BlasLinear.Route(layer, x).allclose(expected, rtol: 1e-5, atol: 1e-5));
    }
}
