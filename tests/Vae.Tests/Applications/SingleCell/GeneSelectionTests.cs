using Vae.Applications.SingleCell;

namespace Vae.Tests.Applications.SingleCell;

public class GeneSelectionTests
{
    [Fact]
    public void Loess_Reproduces_A_Quadratic_Exactly()
    {
        var x = Enumerable.Range(0, 60).Select(i => Math.Sqrt(i) * 1.7 - 3).ToArray();
        var y = x.Select(v => 2 - 3 * v + 0.5 * v * v).ToArray();
        var fitted = Loess.Fit(x, y, 0.3);
        for (int i = 0; i < x.Length; i++) Assert.Equal(y[i], fitted[i], 1e-9);
    }

    [Fact]
    public void Loess_Matches_A_Brute_Force_Weighted_Least_Squares_Fit()
    {
        var rng = new Random(2);
        int n = 150;
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 4).ToArray();
        var y = x.Select(v => Math.Sin(2 * v) + 0.3 * (rng.NextDouble() - 0.5)).ToArray();
        var fitted = Loess.Fit(x, y, 0.3);
        int q = (int)Math.Floor(0.3 * n);
        for (int i = 0; i < n; i++)
        {
            // the q nearest by sorting all distances; tricube weights; normal equations by Gaussian elimination
            var d = x.Select(v => Math.Abs(v - x[i])).ToArray();
            double h = d.Order().ElementAt(q - 1);
            var a = new double[3, 4];
            for (int j = 0; j < n; j++)
            {
                double u = d[j] / h;
                if (u >= 1) continue;
                double w = Math.Pow(1 - u * u * u, 3);
                double[] basis = [1, x[j] - x[i], Math.Pow(x[j] - x[i], 2)];
                for (int r = 0; r < 3; r++)
                {
                    for (int c = 0; c < 3; c++) a[r, c] += w * basis[r] * basis[c];
                    a[r, 3] += w * basis[r] * y[j];
                }
            }
            Assert.Equal(Solve(a)[0], fitted[i], 1e-8);
        }
    }

    [Fact]
    public void Seurat_V3_Score_Is_The_Variance_Of_Clipped_Standardised_Counts()
    {
        var rng = new Random(5);
        int cells = 40, genes = 25;
        var dense = new float[cells * genes];
        for (int c = 0; c < cells; c++)
            for (int g = 0; g < genes; g++)
                dense[c * genes + g] = g == 3 && c == 0 ? 500 : RandomVariates.NegativeBinomial(rng, 0.2 + g, 1 + g % 4);
        var m = FromDense(dense, cells, genes);
        var score = HighlyVariableGenes.Scores(m, Enumerable.Range(0, cells).ToArray());

        var mean = new double[genes];
        var variance = new double[genes];
        for (int g = 0; g < genes; g++)
        {
            var col = Enumerable.Range(0, cells).Select(c => (double)dense[c * genes + g]).ToArray();
            mean[g] = col.Average();
            variance[g] = col.Sum(v => (v - mean[g]) * (v - mean[g])) / (cells - 1);
        }
        var fit = Loess.Fit(mean.Select(Math.Log10).ToArray(), variance.Select(Math.Log10).ToArray(), 0.3);
        for (int g = 0; g < genes; g++)
        {
            double sd = Math.Sqrt(Math.Pow(10, fit[g]));
            double expected = Enumerable.Range(0, cells)
                .Select(c => Math.Min(dense[c * genes + g], mean[g] + sd * Math.Sqrt(cells)))
                .Sum(v => (v - mean[g]) * (v - mean[g])) / ((cells - 1) * sd * sd);
            Assert.Equal(expected, score[g], 1e-9 * Math.Max(1, expected));
        }
    }

    [Fact]
    public void Highly_Variable_Genes_Are_The_Overdispersed_Ones_Not_The_Highly_Expressed_Ones()
    {
        var rng = new Random(9);
        int cells = 400, genes = 120;
        var variable = new HashSet<int> { 5, 17, 33, 48, 60, 71, 88, 99, 104, 115 };
        var dense = new float[cells * genes];
        for (int c = 0; c < cells; c++)
            for (int g = 0; g < genes; g++)
            {
                double mu = 0.05 * Math.Pow(1.06, g);   // means from 0.05 to ~50
                dense[c * genes + g] = variable.Contains(g) ? RandomVariates.NegativeBinomial(rng, mu, 0.3) : RandomVariates.Poisson(rng, mu);
            }
        var m = FromDense(dense, cells, genes);
        var selection = HighlyVariableGenes.Select(m, 10);
        Assert.Equal(10, selection.Selected.Length);
        Assert.True(selection.Selected.Count(variable.Contains) >= 9, $"selected {string.Join(",", selection.Selected)}");
        var batches = Enumerable.Range(0, cells).Select(c => c % 2).ToArray();
        var byBatch = HighlyVariableGenes.Select(m, 10, batches);
        Assert.True(byBatch.Selected.Count(variable.Contains) >= 9, $"selected per batch {string.Join(",", byBatch.Selected)}");
        Assert.All(byBatch.Selected, g => Assert.InRange(byBatch.BatchesSelected[g], 1, 2));
    }

    static SparseCounts FromDense(float[] dense, int rows, int columns)
    {
        var b = new SparseCountsBuilder(columns);
        for (int r = 0; r < rows; r++) b.AddDenseRow(dense.AsSpan(r * columns, columns));
        return b.Build();
    }

    static double[] Solve(double[,] a)
    {
        int n = 3;
        for (int p = 0; p < n; p++)
        {
            int best = p;
            for (int r = p + 1; r < n; r++) if (Math.Abs(a[r, p]) > Math.Abs(a[best, p])) best = r;
            for (int c = 0; c <= n; c++) (a[p, c], a[best, c]) = (a[best, c], a[p, c]);
            for (int r = 0; r < n; r++)
            {
                if (r == p) continue;
                double f = a[r, p] / a[p, p];
                for (int c = 0; c <= n; c++) a[r, c] -= f * a[p, c];
            }
        }
        return Enumerable.Range(0, n).Select(i => a[i, n] / a[i, i]).ToArray();
    }
}
