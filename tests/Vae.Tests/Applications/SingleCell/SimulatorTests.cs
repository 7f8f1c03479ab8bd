using Vae.Applications.SingleCell;

namespace Vae.Tests.Applications.SingleCell;

public class SimulatorTests
{
    static readonly SimulationOptions Options = new() { Cells = 3000, Genes = 300, Types = 4, Batches = 3, Seed = 1 };
    static readonly Lazy<SimulatedCounts> Sim = new(() => CountSimulator.Simulate(Options));

    [Fact]
    public void Types_And_Batches_Have_The_Requested_Sizes_With_A_Rare_Type_Of_Two_Percent()
    {
        var t = Sim.Value.Truth;
        Assert.Equal([980, 980, 980, 60], Enumerable.Range(0, 4).Select(k => t.CellType.Count(c => c == k)).ToArray());
        Assert.Equal([1000, 1000, 1000], Enumerable.Range(0, 3).Select(k => t.Batch.Count(c => c == k)).ToArray());
        Assert.Equal(["type_1", "type_2", "type_3", "rare"], t.TypeNames);
        // batch does not depend on type: the rare cells are spread over batches
        Assert.All(Enumerable.Range(0, 3), b => Assert.InRange(Enumerable.Range(0, 3000).Count(c => t.CellType[c] == 3 && t.Batch[c] == b), 8, 35));
        Assert.All(Enumerable.Range(0, 3000), c => Assert.Equal(t.CellType[c] == SimulationTruth.TrajectoryType, !double.IsNaN(t.Pseudotime[c])));
    }

    [Fact]
    public void Library_Sizes_Follow_Their_Log_Normal_And_Span_An_Order_Of_Magnitude()
    {
        var (counts, t) = (Sim.Value.Counts, Sim.Value.Truth);
        // within a batch, log ℓ has sd 0.75 and median log 3000 + log depth_b
        for (int b = 0; b < 3; b++)
        {
            var logs = Enumerable.Range(0, 3000).Where(c => t.Batch[c] == b).Select(c => Math.Log(t.Library[c])).ToArray();
            double mean = logs.Average(), sd = Math.Sqrt(logs.Sum(v => (v - mean) * (v - mean)) / (logs.Length - 1));
            Assert.InRange(sd, 0.75 * 0.93, 0.75 * 1.07);
        }
        // observed totals: E[Σ_g x_g] = Σ_g (1 − π_g) μ_g; their ratio averages 1
        var totals = counts.Counts.RowSums();
        double ratio = Enumerable.Range(0, 3000).Average(c => totals[c] / t.Mean(c).Select((mu, g) => (1 - t.ZeroInflation[g]) * mu).Sum());
        Assert.InRange(ratio, 0.99, 1.01);
        var sorted = totals.Order().ToArray();
        Assert.True(CountSummary.Quantile(sorted, 0.95) / CountSummary.Quantile(sorted, 0.05) >= 10, "5%–95% range of counts per cell spans ≥ 10×");
    }

    [Fact]
    public void Zeros_And_Variance_Match_The_Zero_Inflated_Negative_Binomial_Of_The_Truth()
    {
        var (counts, t) = (Sim.Value.Counts, Sim.Value.Truth);
        double expectedZeros = 0, residual = 0, zinbVariance = 0, poissonVariance = 0;
        for (int c = 0; c < 3000; c++)
        {
            var mu = t.Mean(c);
            for (int g = 0; g < 300; g++)
            {
                double th = t.Theta[g], pi = t.ZeroInflation[g];
                expectedZeros += pi + (1 - pi) * Math.Pow(th / (th + mu[g]), th);
                double mean = (1 - pi) * mu[g];
                double diff = counts.Counts[c, g] - mean;
                residual += diff * diff;
                zinbVariance += (1 - pi) * mu[g] * (1 + mu[g] / th + pi * mu[g]);
                poissonVariance += mean;
            }
        }
        double observedZeros = 1 - counts.Counts.NonZeros / (3000.0 * 300);
        Assert.InRange(observedZeros - expectedZeros / (3000.0 * 300), -0.003, 0.003);
        Assert.InRange(residual / zinbVariance, 0.95, 1.05);
        Assert.True(residual / poissonVariance > 2, $"over-dispersed: residual/Poisson variance = {residual / poissonVariance:F2}");
        Assert.True(observedZeros > 0.5, $"most entries are zero ({observedZeros:P1})");
    }

    [Fact]
    public void Gene_Parameters_Follow_Their_Distributions()
    {
        var t = Sim.Value.Truth;
        Assert.InRange(t.BaseExpression.Average(), 0.6 / 0.3 * 0.85, 0.6 / 0.3 * 1.15);                 // Gamma(0.6, rate 0.3) has mean 2
        Assert.InRange(CountSummary.Quantile(t.Theta.Order().ToArray(), 0.5), 3 * 0.9, 3 * 1.1);          // median θ = 3
        Assert.InRange(t.ZeroInflation.Average(), 0.09, 0.11);
        Assert.All(t.ZeroInflation, p => Assert.InRange(p, 0, 0.2));
        double deShare = Enumerable.Range(0, 4).Average(k => Enumerable.Range(0, 300).Count(g => t.TypeLogFold[k, g] != 0) / 300.0);
        Assert.InRange(deShare, 0.07, 0.13);
        double batchSd = Math.Sqrt(Enumerable.Range(0, 3).SelectMany(b => Enumerable.Range(0, 300).Select(g => t.BatchLogFold[b, g] * t.BatchLogFold[b, g])).Average());
        Assert.InRange(batchSd, 0.27, 0.33);
    }

    [Fact]
    public void Batch_Effects_And_The_Trajectory_Are_Visible_In_The_Counts()
    {
        var (counts, t) = (Sim.Value.Counts, Sim.Value.Truth);
        var norm = LogNormalization.Transform(counts.Counts, Enumerable.Range(0, 300).ToArray());
        double MeanOf(IEnumerable<int> cells, int g) => cells.Average(c => (double)norm[c * 300 + g]);
        // log-ratio of batch 2 to batch 1 expression (on type_2 cells) follows the true batch log fold difference
        var cells1 = Enumerable.Range(0, 3000).Where(c => t.CellType[c] == 1 && t.Batch[c] == 0).ToArray();
        var cells2 = Enumerable.Range(0, 3000).Where(c => t.CellType[c] == 1 && t.Batch[c] == 1).ToArray();
        var expressed = Enumerable.Range(0, 300).Where(g => MeanOf(cells1, g) > 1).ToArray();
        var observed = expressed.Select(g => MeanOf(cells2, g) - MeanOf(cells1, g)).ToArray();
        var truth = expressed.Select(g => t.BatchLogFold[1, g] - t.BatchLogFold[0, g]).ToArray();
        Assert.True(Correlation(observed, truth) > 0.6, $"batch effect correlation {Correlation(observed, truth):F2} over {expressed.Length} genes");
        // along the trajectory: Σ_g sign(lfc_g)·expression over trajectory genes rises with pseudotime
        var trajCells = Enumerable.Range(0, 3000).Where(c => t.CellType[c] == SimulationTruth.TrajectoryType).ToArray();
        var trajGenes = Enumerable.Range(0, 300).Where(g => t.TrajectoryLogFold[g] != 0).ToArray();
        Assert.NotEmpty(trajGenes);
        var score = trajCells.Select(c => trajGenes.Sum(g => Math.Sign(t.TrajectoryLogFold[g]) * (double)norm[c * 300 + g])).ToArray();
        Assert.True(Correlation(score, trajCells.Select(c => t.Pseudotime[c]).ToArray()) > 0.5);
    }

    [Fact]
    public void The_Same_Seed_Gives_The_Same_Counts_And_The_Files_Read_Back()
    {
        var small = new SimulationOptions { Cells = 200, Genes = 50, Types = 3, Batches = 2, Seed = 4 };
        var a = CountSimulator.Simulate(small);
        var b = CountSimulator.Simulate(small);
        var c = CountSimulator.Simulate(small with { Seed = 5 });
        var all = Enumerable.Range(0, 50).ToArray();
        Assert.Equal(a.Counts.Counts.ToDense(all), b.Counts.Counts.ToDense(all));
        Assert.NotEqual(a.Counts.Counts.ToDense(all), c.Counts.Counts.ToDense(all));
        Assert.Equal(200, a.Counts.Barcodes.Distinct().Count());
        using var dir = new TempDir();
        a.Write(dir.Path);
        var cells = AnnotatedCells.Load("10x:" + dir.Path, dir.File("metadata.csv"), "cell_type", "batch");
        Assert.Equal(a.Counts.Counts.ToDense(all), cells.Counts.Counts.ToDense(all));
        Assert.Equal(a.Truth.CellType.Select(a.Truth.TypeName), cells.Labels!.Select(l => cells.LabelNames![l]));
        Assert.Equal(a.Truth.Batch.Select(SimulationTruth.BatchName), cells.Batches!.Select(l => cells.BatchNames![l]));
        Assert.True(File.Exists(dir.File("genes_truth.csv")));
    }

    [Fact]
    public void Random_Variates_Have_The_Right_Moments_And_Log_Gamma_Is_Exact()
    {
        Assert.Equal(0.5 * Math.Log(Math.PI), RandomVariates.LogGamma(0.5), 13);
        Assert.Equal(Math.Log(362880), RandomVariates.LogGamma(10), 12);
        Assert.Equal(0, RandomVariates.LogGamma(1), 13);
        Assert.Equal(5908.674175848678, RandomVariates.LogGamma(1000.5), 9); // Python math.lgamma(1000.5)
        var rng = new Random(1);
        foreach (double lambda in new[] { 0.3, 4.0, 37.0, 900.0 })
        {
            var draws = Enumerable.Range(0, 40000).Select(_ => (double)RandomVariates.Poisson(rng, lambda)).ToArray();
            double mean = draws.Average(), variance = draws.Sum(v => (v - mean) * (v - mean)) / (draws.Length - 1);
            Assert.InRange(mean / lambda, 0.98, 1.02);
            Assert.InRange(variance / lambda, 0.95, 1.05);
        }
        foreach (double shape in new[] { 0.4, 3.0 })
        {
            var draws = Enumerable.Range(0, 40000).Select(_ => RandomVariates.Gamma(rng, shape)).ToArray();
            double mean = draws.Average(), variance = draws.Sum(v => (v - mean) * (v - mean)) / (draws.Length - 1);
            Assert.InRange(mean / shape, 0.97, 1.03);
            Assert.InRange(variance / shape, 0.93, 1.07);
        }
    }

    [Fact]
    public void Highly_Variable_Genes_Of_The_Simulation_Are_Enriched_For_Its_Differential_Genes()
    {
        var (counts, t) = (Sim.Value.Counts, Sim.Value.Truth);
        bool Informative(int g) => t.TrajectoryLogFold[g] != 0 || Enumerable.Range(0, 4).Any(k => t.TypeLogFold[k, g] != 0);
        double baseRate = Enumerable.Range(0, 300).Count(Informative) / 300.0;
        var selected = HighlyVariableGenes.Select(counts.Counts, 60, t.Batch).Selected;
        double hit = selected.Count(Informative) / (double)selected.Length;
        // genes with a small θ or a large π are variable too (technical variation), so not every selected gene is differential
        Assert.True(hit > 1.5 * baseRate, $"{hit:P0} of the selected genes are differential (all genes: {baseRate:P0})");
    }

    static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double cov = a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum();
        return cov / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(y => (y - mb) * (y - mb)));
    }
}
