namespace Vae.Applications.Physics;

/// <summary>
/// Examples grouped by temperature (ascending), and the per-temperature statistics the T_c
/// estimates are computed from, with bootstrap resampling of the examples within each temperature.
/// </summary>
public sealed class TemperatureGroups
{
    public TemperatureGroups(IReadOnlyList<double> temperatureOfExample)
    {
        var byT = Enumerable.Range(0, temperatureOfExample.Count).GroupBy(i => temperatureOfExample[i]).OrderBy(g => g.Key).ToArray();
        if (byT.Length < 4) throw new VaeException($"the data has {byT.Length} temperatures; estimating T_c needs at least 4 (simulate a grid, e.g. --temperatures 1.0:3.5:0.05).");
        Temperatures = byT.Select(g => g.Key).ToArray();
        Members = byT.Select(g => g.ToArray()).ToArray();
    }

    private TemperatureGroups(double[] temperatures, int[][] members)
    {
        Temperatures = temperatures;
        Members = members;
    }

    public double[] Temperatures { get; }

    /// <summary>Indices of the examples at each temperature.</summary>
    public int[][] Members { get; }

    /// <summary>The same temperatures with each group's members drawn with replacement.</summary>
    public TemperatureGroups Resample(Random random) =>
        new(Temperatures, Members.Select(g => Enumerable.Range(0, g.Length).Select(_ => g[random.Next(g.Length)]).ToArray()).ToArray());

    /// <summary>⟨v⟩ per temperature.</summary>
    public double[] Mean(IReadOnlyList<double> v) => Members.Select(g => g.Average(i => v[i])).ToArray();

    /// <summary>⟨|v|⟩ per temperature.</summary>
    public double[] MeanAbs(IReadOnlyList<double> v) => Members.Select(g => g.Average(i => Math.Abs(v[i]))).ToArray();

    /// <summary>Standard error of ⟨|v|⟩ (or of ⟨v⟩) per temperature.</summary>
    public double[] StandardError(IReadOnlyList<double> v, bool abs)
    {
        return Members.Select(g =>
        {
            if (g.Length < 2) return double.NaN;
            double m = g.Average(i => abs ? Math.Abs(v[i]) : v[i]);
            double var = g.Sum(i => Math.Pow((abs ? Math.Abs(v[i]) : v[i]) - m, 2)) / (g.Length - 1);
            return Math.Sqrt(var / g.Length);
        }).ToArray();
    }

    /// <summary>√⟨v²⟩ per temperature (the spread of a quantity symmetric about 0).</summary>
    public double[] Rms(IReadOnlyList<double> v) => Members.Select(g => Math.Sqrt(g.Average(i => v[i] * v[i]))).ToArray();

    /// <summary>The fluctuation (⟨v²⟩ − ⟨|v|⟩²) · scale / T per temperature: for v = m and scale = N, the susceptibility χ′.</summary>
    public double[] Fluctuation(IReadOnlyList<double> v, double scale) =>
        Members.Select((g, k) =>
        {
            double m1 = g.Average(i => Math.Abs(v[i])), m2 = g.Average(i => v[i] * v[i]);
            return scale * (m2 - m1 * m1) / Temperatures[k];
        }).ToArray();

    /// <summary>An estimate and its bootstrap standard error over <paramref name="replicates"/> resamplings.</summary>
    public (double Value, double Error) Bootstrap(Func<TemperatureGroups, double> estimate, int replicates, int seed)
    {
        double value = estimate(this);
        if (replicates < 2) return (value, double.NaN);
        var random = new Random(seed);
        var draws = Enumerable.Range(0, replicates).Select(_ => estimate(Resample(random))).ToArray();
        double mean = draws.Average();
        return (value, Math.Sqrt(draws.Sum(d => (d - mean) * (d - mean)) / (replicates - 1)));
    }
}
