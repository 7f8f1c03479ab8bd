using ScottPlot;
using Vae.IO;

namespace Vae.Applications.Physics;

/// <summary>PNG plots of the phase-transition analysis (ScottPlot).</summary>
public static class IsingPlots
{
    /// <summary>Writes latent-L{L}.png, latent-raw-L{L}.png, pca-L{L}.png and curves-L{L}.png into <paramref name="directory"/>; returns their paths.</summary>
    public static IReadOnlyList<string> SaveAll(string directory, IsingAnalysisResult r)
    {
        Directory.CreateDirectory(directory);
        string latent = Path.Combine(directory, $"latent-L{r.Size}.png"), pca = Path.Combine(directory, $"pca-L{r.Size}.png"), curves = Path.Combine(directory, $"curves-L{r.Size}.png");
        string raw = Path.Combine(directory, $"latent-raw-L{r.Size}.png");
        ColouredByMagnetization(latent, r.Temperature, r.Z, r.Magnetization, $"VAE: latent coordinate z against T, L = {r.Size} (colour: magnetization m)", "z = u · (μ(x) − μ(x̄)) / 2");
        ColouredByMagnetization(raw, r.Temperature, r.RawZ, r.Magnetization, $"VAE: raw latent coordinate against T, L = {r.Size} (colour: m)", "u · (μ(x) − c)");
        ColouredByMagnetization(pca, r.Temperature, r.Pca, r.Magnetization, $"PCA: first component p1 against T, L = {r.Size} (colour: magnetization m)", "p1");
        Curves(curves, r);
        return [latent, raw, pca, curves];
    }

    /// <summary>Scatter of one value per configuration against T (slightly jittered), coloured by m ∈ [−1, 1], with a colour bar and the exact T_c.</summary>
    public static void ColouredByMagnetization(string path, double[] temperature, double[] values, double[] magnetization, string title, string yLabel)
    {
        var plot = new Plot();
        var map = new ScottPlot.Colormaps.Turbo();
        var jitter = new Random(0);
        const int bins = 24;
        var xs = temperature.Select(t => t + (jitter.NextDouble() - 0.5) * 0.02).ToArray();
        for (int b = 0; b < bins; b++)
        {
            var idx = Enumerable.Range(0, values.Length).Where(i => Math.Min(bins - 1, (int)((magnetization[i] + 1) / 2 * bins)) == b).ToArray();
            if (idx.Length == 0) continue;
            var points = plot.Add.ScatterPoints(idx.Select(i => xs[i]).ToArray(), idx.Select(i => values[i]).ToArray(), map.GetColor((b + 0.5) / bins));
            points.MarkerSize = 3;
        }
        var bar = plot.Add.ColorBar(new ColorSource(map, new ScottPlot.Range(-1, 1)));
        bar.Label = "m";
        CriticalLine(plot);
        plot.Title(title);
        plot.XLabel("temperature T");
        plot.YLabel(yLabel);
        Save(plot, path, 900, 600);
    }

    /// <summary>Per-temperature curves scaled to [0, 1]: order parameters, reconstruction error and fluctuations.</summary>
    public static void Curves(string path, IsingAnalysisResult r)
    {
        var plot = new Plot();
        var t = r.Points.Select(p => p.Temperature).ToArray();
        void Line(string label, IEnumerable<double> values, bool dashed = false)
        {
            var v = values.ToArray();
            double lo = Math.Min(0, v.Min()), hi = v.Max();
            if (label.StartsWith("reconstruction", StringComparison.Ordinal)) lo = v.Min();
            var s = plot.Add.Scatter(t, v.Select(x => (x - lo) / Math.Max(hi - lo, 1e-300)).ToArray());
            s.LegendText = label;
            s.MarkerSize = 4;
            if (dashed) s.LinePattern = LinePattern.Dashed;
        }
        Line("<|m|> (true order parameter)", r.Points.Select(p => p.AbsMagnetization));
        Line("VAE <|z|>", r.Points.Select(p => p.VaeAbsZ));
        Line("PCA <|p1|>", r.Points.Select(p => p.PcaAbs));
        Line("reconstruction error (min-max)", r.Points.Select(p => p.Reconstruction));
        Line("susceptibility of m", r.Points.Select(p => p.Susceptibility), dashed: true);
        Line("VAE var(|z|)/T", r.Points.Select(p => p.VaeFluctuation), dashed: true);
        Line("PCA var(|p1|)/T", r.Points.Select(p => p.PcaFluctuation), dashed: true);
        CriticalLine(plot);
        plot.Title($"Statistics against T, L = {r.Size}, each scaled to [0, 1]");
        plot.XLabel("temperature T");
        plot.YLabel("scaled value");
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path, 900, 600);
    }

    /// <summary>T_c estimates against 1/L (error bars: bootstrap), each series with its weighted straight-line extrapolation to 1/L = 0, and the exact T_c.</summary>
    public static void TcAgainstInverseSize(string path, IReadOnlyList<IsingAnalysisResult> results, IReadOnlyList<(string Source, string Observable)> series)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        double maxX = results.Max(r => 1.0 / r.Size);
        for (int k = 0; k < series.Count; k++)
        {
            var (source, observable) = series[k];
            var pts = results.Select(r => (X: 1.0 / r.Size, E: r.Estimates.First(e => e.Source == source && e.Observable == observable))).OrderBy(p => p.X).ToArray();
            double offset = (k - (series.Count - 1) / 2.0) * maxX * 0.006;
            var color = palette.GetColor(k);
            var xs = pts.Select(p => p.X + offset).ToArray();
            var ys = pts.Select(p => p.E.Value).ToArray();
            var errors = plot.Add.ErrorBar(xs, ys, pts.Select(p => double.IsFinite(p.E.Error) ? p.E.Error : 0).ToArray());
            errors.Color = color;
            var marks = plot.Add.ScatterPoints(xs, ys, color);
            marks.MarkerSize = 7;
            marks.LegendText = $"{source} {observable}";
            if (pts.Length >= 2)
            {
                var fit = CurveFits.Line(pts.Select(p => p.X).ToArray(), ys, pts.Select(p => Math.Max(p.E.Error, 1e-4)).ToArray());
                var line = plot.Add.Line(0, fit.A, maxX * 1.05, fit.A + fit.B * maxX * 1.05);
                line.Color = color;
                line.LinePattern = LinePattern.Dotted;
            }
        }
        var exact = plot.Add.HorizontalLine(OnsagerSolution.CriticalTemperature, 2, Colors.Black, LinePattern.Dashed);
        exact.LegendText = $"exact T_c = {OnsagerSolution.CriticalTemperature:F4}";
        plot.Axes.SetLimitsX(-maxX * 0.03, maxX * 1.1);
        plot.Title("T_c estimates against 1/L (dotted: straight-line extrapolation to L → ∞)");
        plot.XLabel("1 / L");
        plot.YLabel("estimated T_c");
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path, 900, 650);
    }

    static void CriticalLine(Plot plot)
    {
        var line = plot.Add.VerticalLine(OnsagerSolution.CriticalTemperature, 1, Colors.Black, LinePattern.Dashed);
        line.LegendText = "exact T_c";
    }

    static void Save(Plot plot, string path, int width, int height) =>
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(width, height, ImageFormat.Png));

    private sealed class ColorSource(IColormap colormap, ScottPlot.Range range) : IHasColorAxis
    {
        public IColormap Colormap => colormap;
        public ScottPlot.Range GetRange() => range;
    }
}
