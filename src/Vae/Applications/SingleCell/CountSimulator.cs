namespace Vae.Applications.SingleCell;

/// <summary>
/// Simulates single-cell UMI counts with known truth, in the spirit of Splatter (Zappia et al. 2017):
/// <list type="number">
/// <item>Genes: baseline expression ~ Gamma(0.6, rate 0.3); inverse dispersion θ ~ LogNormal(log 3, 0.5);
/// zero-inflation probability π ~ Uniform(0, 0.2).</item>
/// <item>Cell types: each type has 10% of genes differentially expressed, |log fold| ~ LogNormal(0, 0.4)
/// with a random sign. The last type is rare (2% of cells, exactly rounded); the others share the rest.</item>
/// <item>Trajectory: cells of type 1 get a pseudotime t ~ U(0, 1); 5% of genes change their log
/// expression by t times a log fold drawn as for DE genes.</item>
/// <item>Batches: cells are split evenly into batches at random, independent of type; every gene has a
/// log fold change ~ N(0, 0.3²) per batch, and each batch a depth factor ~ LogNormal(0, 0.25).</item>
/// <item>Library size ℓ ~ LogNormal(log(1.5 × genes), 0.75) × batch depth (median 3,000 for 2,000 genes); the NB mean of gene g is
/// μ_g = ℓ w_g / Σ w with w_g = base_g · exp(LFCs); counts ~ ZINB(μ_g, θ_g, π_g).</item>
/// </list>
/// Everything is drawn from one seeded generator, so a seed gives the same data on every machine.
/// </summary>
public static class CountSimulator
{
    public static SimulatedCounts Simulate(SimulationOptions o)
    {
        var rng = new Random(o.Seed);
        int n = o.Cells, genes = o.Genes, types = o.Types, batches = o.Batches;

        // genes
        var baseExpr = new double[genes];
        var theta = new double[genes];
        var pi = new double[genes];
        for (int g = 0; g < genes; g++)
        {
            baseExpr[g] = RandomVariates.Gamma(rng, o.BaseShape) / o.BaseRate;
            theta[g] = o.DispersionMedian * Math.Exp(o.DispersionLogSd * RandomVariates.Normal(rng));
            pi[g] = 2 * o.ZeroInflationMean * rng.NextDouble();
        }
        var typeLfc = new double[types, genes];
        for (int t = 0; t < types; t++)
            for (int g = 0; g < genes; g++)
                if (rng.NextDouble() < o.DeFraction) typeLfc[t, g] = FoldChange(rng, o);
        var trajLfc = new double[genes];
        for (int g = 0; g < genes; g++)
            if (rng.NextDouble() < o.TrajectoryFraction) trajLfc[g] = FoldChange(rng, o);
        var batchLfc = new double[batches, genes];
        var depth = new double[batches];
        for (int b = 0; b < batches; b++)
        {
            depth[b] = Math.Exp(o.BatchDepthLogSd * RandomVariates.Normal(rng));
            for (int g = 0; g < genes; g++) batchLfc[b, g] = o.BatchEffectSd * RandomVariates.Normal(rng);
        }

        // cells
        var cellType = Balanced(rng, n, TypeCounts(n, types, o.RareFraction));
        var batch = Balanced(rng, n, Enumerable.Range(0, batches).Select(b => n / batches + (b < n % batches ? 1 : 0)).ToArray());
        var pseudotime = new double[n];
        var library = new double[n];
        for (int c = 0; c < n; c++)
        {
            pseudotime[c] = cellType[c] == SimulationTruth.TrajectoryType ? rng.NextDouble() : double.NaN;
            library[c] = o.LibraryMedian * depth[batch[c]] * Math.Exp(o.LibraryLogSd * RandomVariates.Normal(rng));
        }

        var geneIds = Enumerable.Range(1, genes).Select(g => $"SIMG{g:D5}").ToArray();
        var geneNames = Enumerable.Range(1, genes).Select(g => $"Gene{g}").ToArray();
        var barcodes = Enumerable.Range(0, n).Select(Barcode).ToArray();
        var truth = new SimulationTruth(o, cellType, batch, pseudotime, library, baseExpr, theta, pi, typeLfc, batchLfc, trajLfc);

        var builder = new SparseCountsBuilder(genes);
        for (int c = 0; c < n; c++)
        {
            var mu = truth.Mean(c);
            for (int g = 0; g < genes; g++)
            {
                long x = RandomVariates.NegativeBinomial(rng, mu[g], theta[g]);
                if (x > 0 && rng.NextDouble() < pi[g]) x = 0;
                builder.Add(g, x);
            }
            builder.EndRow();
        }
        var counts = new CellCounts("simulated", builder.Build(), barcodes, geneIds, geneNames);
        return new SimulatedCounts(counts, truth);
    }

    static double FoldChange(Random rng, SimulationOptions o) =>
        (rng.NextDouble() < 0.5 ? -1 : 1) * o.DeLogFold * Math.Exp(o.DeLogFoldSd * RandomVariates.Normal(rng));

    /// <summary>Cells per type: round(n·f) (at least 1) of the rare last type, the rest split as evenly as possible.</summary>
    public static int[] TypeCounts(int n, int types, double rareFraction)
    {
        int rare = Math.Max(1, (int)Math.Round(n * rareFraction));
        int rest = n - rare, common = types - 1;
        return Enumerable.Range(0, types).Select(t => t == types - 1 ? rare : rest / common + (t < rest % common ? 1 : 0)).ToArray();
    }

    // A random assignment with exactly counts[k] items of class k.
    static int[] Balanced(Random rng, int n, int[] counts)
    {
        var labels = new int[n];
        int at = 0;
        for (int k = 0; k < counts.Length; k++) for (int i = 0; i < counts[k]; i++) labels[at++] = k;
        rng.Shuffle(labels);
        return labels;
    }

    /// <summary>A 16-letter ACGT barcode with Cell Ranger's "-1" suffix, unique per index (an odd multiplier is a bijection mod 2³²).</summary>
    public static string Barcode(int index)
    {
        uint v = unchecked((uint)index * 2654435761u + 0x5bd1e995u);
        Span<char> s = stackalloc char[18];
        for (int i = 0; i < 16; i++) { s[i] = "ACGT"[(int)(v & 3)]; v >>= 2; }
        s[16] = '-'; s[17] = '1';
        return new string(s);
    }
}
