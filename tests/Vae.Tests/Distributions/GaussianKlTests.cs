using Vae.Distributions;
using static TorchSharp.torch;

namespace Vae.Tests.Distributions;

public class GaussianKlTests
{
    [Fact]
    public void Array_Form_Is_The_Mean_Over_Rows_Of_The_Closed_Form()
    {
        float[] mean = [0.5f, -1.2f, 2.0f, 0f, 0.3f, 0.1f];
        float[] std = [0.6f, 1.4f, 0.3f, 1f, 2f, 0.9f];
        var kl = GaussianKl.MeanPerDimension(mean, std, 3);
        for (int j = 0; j < 3; j++)
        {
            double expected = 0;
            for (int i = 0; i < 2; i++)
            {
                double m = mean[i * 3 + j], v = (double)std[i * 3 + j] * std[i * 3 + j];
                expected += 0.5 * (m * m + v - 1 - Math.Log(v)) / 2;
            }
            Assert.Equal(expected, kl[j], 14);
        }
    }

    [Fact]
    public void Log_Variance_And_Variance_Forms_Agree()
    {
        using var scope = NewDisposeScope();
        var mean = tensor(new[] { 0.5, -1.2, 2.0, 0 });
        var logVariance = tensor(new[] { -1.0, 0.7, -2.5, 0 });
        var a = GaussianKl.PerDimension(mean, logVariance);
        var b = GaussianKl.PerDimensionFromVariance(mean, logVariance.exp());
        Assert.True(a.allclose(b, rtol: 1e-14, atol: 1e-15));
        Assert.Equal(0.0, a[3].item<double>());
    }
}
