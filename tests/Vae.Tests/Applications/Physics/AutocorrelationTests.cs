using Vae.Applications.Physics;

namespace Vae.Tests.Applications.Physics;

public class AutocorrelationTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(0.8, 4.5)]    // AR(1): τ_int = (1 + φ) / (2 (1 − φ))
    [InlineData(0.95, 19.5)]
    public void Integrated_Time_Of_An_Ar1_Process_Matches_The_Closed_Form(double phi, double tau)
    {
        var random = new Xoshiro256(11);
        var x = new double[400_000];
        double v = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            v = phi * v + g;
            x[i] = v;
        }
        var a = Autocorrelation.Of(x);
        Assert.InRange(a.Tau, tau * 0.9, tau * 1.1);
        Assert.True(a.Reliable);
        Assert.InRange(a.Window, Autocorrelation.WindowFactor * a.Tau, Autocorrelation.WindowFactor * a.Tau + 3);
        // σ² of AR(1) = 1 / (1 − φ²)
        Assert.InRange(a.Variance, 0.95 / (1 - phi * phi), 1.05 / (1 - phi * phi));
    }

    [Fact]
    public void Constant_Series_Has_No_Error_And_A_Short_Series_Is_Flagged()
    {
        var c = Autocorrelation.Of(Enumerable.Repeat(3.0, 100).ToArray());
        Assert.Equal(0.0, c.StandardError);
        Assert.Equal(3.0, c.Mean);
        var walk = new double[200];
        for (int i = 1; i < walk.Length; i++) walk[i] = walk[i - 1] + (i % 3 == 0 ? 1 : -0.4);
        Assert.False(Autocorrelation.Of(walk).Reliable);
    }
}
