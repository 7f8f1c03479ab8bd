using Vae.Applications.Chemistry;

namespace Vae.Tests.Applications.Chemistry;

public class PropertyProjectionTests
{
    [Fact]
    public void A_Linear_Property_Lies_Along_The_First_Axis_And_The_Widest_Other_Direction_Along_The_Second()
    {
        var rng = new Random(3);
        int n = 200, d = 4;
        // z2 varies ten times more than the others; the property does not depend on it
        var means = Enumerable.Range(0, n * d).Select(k => (float)((rng.NextDouble() * 2 - 1) * (k % d == 2 ? 10 : 1))).ToArray();
        // y = 3 z0 − 2 z1 + 5: the fit recovers the direction (3, −2, 0, 0)/√13 exactly
        var y = Enumerable.Range(0, n).Select(i => 3.0 * means[i * d] - 2.0 * means[i * d + 1] + 5).ToArray();
        var p = PropertyProjection.Fit(means, d, y);
        Assert.Equal(1.0, p.R2, 6);
        double sqrt13 = Math.Sqrt(13);
        for (int i = 0; i < n; i++) Assert.Equal((y[i] - y.Average()) / sqrt13, p.X[i], 4);
        var z2 = Enumerable.Range(0, n).Select(i => (double)means[i * d + 2]).ToArray();
        Assert.True(Math.Abs(Correlation(p.Y, z2)) > 0.999);
    }

    static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double cov = a.Zip(b, (u, v) => (u - ma) * (v - mb)).Sum();
        return cov / Math.Sqrt(a.Sum(u => (u - ma) * (u - ma)) * b.Sum(v => (v - mb) * (v - mb)));
    }
}
