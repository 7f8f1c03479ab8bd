using MathNet.Numerics.Statistics;
using Vae.Applications.Physics;
using Vae.Evaluation;

namespace Vae.Tests.Applications.Physics;

public class CurveFitsTests
{
    static readonly double[] Grid = Enumerable.Range(0, 51).Select(i => 1.0 + 0.05 * i).ToArray();

    [Theory]
    [InlineData(2.269, 0.1)]
    [InlineData(2.43, 0.3)]
    [InlineData(1.62, 0.05)]
    public void Steepest_Change_Of_A_Smooth_Step_Is_Its_Centre_Between_Grid_Points(double centre, double width)
    {
        var y = Grid.Select(t => 1 - Math.Tanh((t - centre) / width)).ToArray();
        Assert.InRange(CurveFits.SteepestChange(Grid, y, 0.15), centre - 0.01, centre + 0.01);
    }

    [Fact]
    public void Peak_Of_A_Parabola_Is_Found_Exactly_And_Of_A_Lorentzian_Closely()
    {
        Assert.Equal(2.3137, CurveFits.PeakLocation(Grid, Grid.Select(t => 5 - 3 * (t - 2.3137) * (t - 2.3137)).ToArray(), 0.15), 9);
        var lorentz = Grid.Select(t => 1 / (1 + Math.Pow((t - 2.31) / 0.2, 2))).ToArray();
        Assert.InRange(CurveFits.PeakLocation(Grid, lorentz, 0.15), 2.30, 2.32);
    }

    [Fact]
    public void Peak_At_The_Edge_Of_The_Grid_Stays_Inside_The_Window()
    {
        var rising = Grid.Select(t => t * t).ToArray();
        Assert.InRange(CurveFits.PeakLocation(Grid, rising, 0.15), 3.35, 3.5);
    }

    [Fact]
    public void Weighted_Line_Recovers_An_Exact_Line_And_Its_Errors_Scale_With_Sigma()
    {
        double[] x = [1 / 16.0, 1 / 32.0, 1 / 64.0];
        var y = x.Select(v => 2.269 + 1.7 * v).ToArray();
        var fit = CurveFits.Line(x, y, [0.01, 0.01, 0.01]);
        Assert.Equal(2.269, fit.A, 10);
        Assert.Equal(1.7, fit.B, 9);
        var twice = CurveFits.Line(x, y, [0.02, 0.02, 0.02]);
        Assert.Equal(2 * fit.AErr, twice.AErr, 10);
    }

    [Fact]
    public void Correlation_Is_One_For_A_Line_And_Minus_One_Reversed()
    {
        double[] x = [1, 2, 3, 4, 5];
        Assert.Equal(1.0, Correlation.Pearson(x, x.Select(v => 3 * v + 1).ToArray()), 12);
        Assert.Equal(-1.0, Correlation.Pearson(x, x.Select(v => -v).ToArray()), 12);
    }

    [Fact]
    public void Leading_Component_Matches_The_Eigendecomposition_Pca()
    {
        var random = new Random(4);
        int n = 300, d = 12;
        var rows = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            double a = random.NextDouble() * 4 - 2, b = random.NextDouble() - 0.5;
            for (int j = 0; j < d; j++) rows[i * d + j] = (float)(a * Math.Sin(j + 1) + b * Math.Cos(3 * j) + 0.1 * random.NextDouble());
        }
        var reference = Pca.Fit(rows, d, 1);
        var lead = Pca.FitRandomized(rows, d, 1, doublePrecision: true);
        for (int j = 0; j < d; j++) Assert.Equal(reference.Components[0, j], lead.Components[0, j], 7);
        Assert.Equal(reference.ExplainedVariance[0], lead.ExplainedVariance[0], 6);
        Assert.Equal(reference.TotalVariance, lead.TotalVariance, 6);
        var p = reference.Transform(rows);
        var q = lead.Transform(rows);
        for (int i = 0; i < n; i++) Assert.Equal(p[i], q[i], 5);
    }

    [Fact]
    public void Bootstrap_Error_Of_A_Mean_Matches_The_Standard_Error()
    {
        var random = new Random(9);
        var values = Enumerable.Range(0, 400).Select(_ => random.NextDouble()).ToArray();
        var temps = Enumerable.Range(0, 400).Select(i => (double)(i % 4)).ToArray();
        var groups = new TemperatureGroups(temps);
        var (value, error) = groups.Bootstrap(g => g.Mean(values)[0], 1000, 3);
        double se = Math.Sqrt(1.0 / 12 / 100); // uniform variance 1/12, 100 values at T = 0
        Assert.Equal(groups.Mean(values)[0], value);
        Assert.InRange(error, 0.85 * se, 1.15 * se);
    }
}
