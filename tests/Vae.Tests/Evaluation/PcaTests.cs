using Vae.Applications.SingleCell;
using Vae.Evaluation;

namespace Vae.Tests.Evaluation;

public class PcaTests
{
    [Fact]
    public void Randomized_Pca_Gives_The_Coordinates_Of_Exact_Pca()
    {
        var rng = new Random(3);
        int n = 300, d = 40, k = 4;
        var rows = new float[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
                rows[i * d + j] = (float)(RandomVariates.Normal(rng) * Math.Pow(0.8, j) + (j % 3 == 0 ? 2 : 0));
        var copy = rows.ToArray();
        var fast = Pca.FitRandomized(rows, d, k, seed: 1).Transform(rows);
        Assert.Equal(copy, rows);
        var exact = Pca.Fit(rows, d, k).Transform(rows);
        double scale = Math.Sqrt(exact.Average(v => v * v));
        for (int i = 0; i < n * k; i++) Assert.True(Math.Abs(fast[i] - exact[i]) < 1e-3 * scale, $"coordinate {i}: {fast[i]} vs {exact[i]}");
    }
}
