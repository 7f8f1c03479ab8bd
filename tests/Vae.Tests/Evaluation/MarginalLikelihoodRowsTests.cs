using Vae.Evaluation;
using Vae.Models;

namespace Vae.Tests.Evaluation;

/// <summary>
/// The importance-sampling passes are sized by the decoder: a PixelCNN on Fashion-MNIST held ~24 GB
/// at 16,384 rows per pass (measured: `vae eval` with K = 100 was killed by the kernel's OOM killer on
/// a 24 GiB machine); with rows chosen from its activations it peaks at ~1.2 GB.
/// </summary>
public class MarginalLikelihoodRowsTests
{
    [Fact]
    public void Small_Decoders_Keep_Large_Passes()
    {
        Assert.Equal(16384, MarginalLikelihood.RowsPerPass(ModelOptions.MnistMlp));
    }

    [Theory]
    [InlineData(32, 3)]
    [InlineData(64, 8)]
    [InlineData(128, 12)]
    public void A_PixelCnn_Pass_Stays_Within_The_Activation_Budget(int features, int layers)
    {
        var o = ModelOptions.MnistMlp with { PixelCnn = new PixelCnnOptions { Features = features, Layers = layers } };
        int rows = MarginalLikelihood.RowsPerPass(o);
        long perRowMaps = (long)features * 28 * 28 * (layers + 2);   // one value per feature, pixel and layer, before intermediates
        Assert.InRange(rows, 16, 16384);
        Assert.True(rows * perRowMaps * 4 <= MarginalLikelihood.ActivationBudget, $"{rows} rows of {perRowMaps} values");
        Assert.True(rows < 2048);
    }

    [Fact]
    public void Convolutional_Decoders_Get_Fewer_Rows_Than_Mlps()
    {
        Assert.True(MarginalLikelihood.RowsPerPass(ModelOptions.MnistConv) < MarginalLikelihood.RowsPerPass(ModelOptions.MnistMlp));
    }
}
