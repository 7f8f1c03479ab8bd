using TorchSharp;
using Vae.Distributions;
using Vae.Objectives;
using static TorchSharp.torch;

namespace Vae.Tests.Objectives;

public class MmdTests
{
    static readonly double[] Scales = [0.1, 0.2, 0.5, 1, 2, 5, 10];

    // k(a, b) summed over the scales, written from the formulas: IMQ C/(C + r²), RBF exp(−r²/C), C = s·2d.
    static double Kernel(double[] a, double[] b, MmdKernel kernel)
    {
        double r2 = a.Zip(b, (u, v) => (u - v) * (u - v)).Sum();
        return Scales.Sum(s =>
        {
            double c = s * 2 * a.Length;
            return kernel == MmdKernel.Imq ? c / (c + r2) : Math.Exp(-r2 / c);
        });
    }

    // The U-statistic as a direct double sum over the points, i ≠ j within each sample.
    static double DirectMmd(double[][] x, double[][] y, MmdKernel kernel)
    {
        int n = x.Length, m = y.Length;
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i != j) xx += Kernel(x[i], x[j], kernel);
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) if (i != j) yy += Kernel(y[i], y[j], kernel);
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) xy += Kernel(x[i], y[j], kernel);
        return xx / (n * (n - 1.0)) + yy / (m * (m - 1.0)) - 2 * xy / (n * (double)m);
    }

    static double[][] Rows(Tensor t) => Enumerable.Range(0, (int)t.shape[0]).Select(i => t[i].data<double>().ToArray()).ToArray();

    [Theory]
    [InlineData(MmdKernel.Imq)]
    [InlineData(MmdKernel.Rbf)]
    public void Unbiased_Mmd_Matches_A_Direct_Double_Sum(MmdKernel kernel)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        var x = randn([7, 3], dtype: ScalarType.Float64, generator: g);
        var y = randn([5, 3], dtype: ScalarType.Float64, generator: g) * 1.5 + 0.3;
        double expected = DirectMmd(Rows(x), Rows(y), kernel);
        Assert.Equal(expected, Mmd.Unbiased(x, y, kernel).item<double>(), 12);
        Assert.Equal(expected, Mmd.Unbiased(y, x, kernel).item<double>(), 12);
    }

    [Fact]
    public void Imq_And_Rbf_Kernel_Values_Match_Their_Formulas()
    {
        using var scope = NewDisposeScope();
        // d = 2, so C = s·4: at ‖a − b‖² = 4 the IMQ term is s/(s + 1), the RBF term exp(−1/s).
        var d2 = tensor(new double[] { 0, 4 });
        var imq = Mmd.Kernel(d2, MmdKernel.Imq, baseBandwidth: 4).data<double>().ToArray();
        var rbf = Mmd.Kernel(d2, MmdKernel.Rbf, baseBandwidth: 4).data<double>().ToArray();
        Assert.Equal(7, imq[0], 12);
        Assert.Equal(7, rbf[0], 12);
        Assert.Equal(Scales.Sum(s => s / (s + 1)), imq[1], 12);
        Assert.Equal(Scales.Sum(s => Math.Exp(-1 / s)), rbf[1], 12);
        Assert.Equal(Kernel([1, 2], [-1, 2], MmdKernel.Imq), imq[1], 12);
    }

    [Theory]
    [InlineData(MmdKernel.Imq)]
    [InlineData(MmdKernel.Rbf)]
    public void Mmd_Is_Zero_In_Expectation_For_One_Distribution_And_Clearly_Positive_For_A_Shifted_One(MmdKernel kernel)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(11);
        const int repetitions = 200;
        var same = new double[repetitions];
        var shifted = new double[repetitions];
        for (int r = 0; r < repetitions; r++)
        {
            var x = randn([32, 4], dtype: ScalarType.Float64, generator: g);
            var y = randn([32, 4], dtype: ScalarType.Float64, generator: g);
            same[r] = Mmd.Unbiased(x, y, kernel).item<double>();
            shifted[r] = Mmd.Unbiased(x, y + 1, kernel).item<double>();
        }
        var (mean, se) = MeanAndError(same);
        Assert.True(Math.Abs(mean) < 4 * se, $"same distribution: mean MMD² {mean} ± {se}");
        Assert.Contains(same, v => v < 0);   // unbiased, so single estimates fall below 0 too
        var (shift, shiftSe) = MeanAndError(shifted);
        Assert.True(shift > 20 * shiftSe && shift > 20 * Math.Abs(mean) + 10 * se, $"shifted by 1: {shift} ± {shiftSe}; same: {mean} ± {se}");
    }

    [Fact]
    public void The_Mmd_To_The_Prior_Compares_With_As_Many_Prior_Draws_From_The_Generator()
    {
        using var scope = NewDisposeScope();
        var z = tensor(new float[] { 0.5f, -1, 2, 0, 1, 1, -0.5f, 0.25f }, [4, 2]);
        using var g1 = new Generator(3);
        using var g2 = new Generator(3);
        var draws = randn([4, 2], generator: g2);
        Assert.Equal(Mmd.Unbiased(z, draws, MmdKernel.Imq).item<float>(), Mmd.ToPrior(Prior.StandardNormal, z, MmdKernel.Imq, g1).item<float>());
        Assert.Equal(0f, Mmd.ToPrior(Prior.StandardNormal, z.narrow(0, 0, 1), MmdKernel.Imq, g1).item<float>());   // one code: no estimate
    }

    static (double Mean, double Error) MeanAndError(double[] v)
    {
        double mean = v.Average();
        double sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        return (mean, sd / Math.Sqrt(v.Length));
    }
}
