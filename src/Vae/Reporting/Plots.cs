using ScottPlot;
using Vae.IO;
using Vae.Runs;

namespace Vae.Reporting;

/// <summary>PNG plots of a run: training curves, and the latent space coloured by label.</summary>
public static class Plots
{
    /// <summary>−ELBO (train and validation) and KL per epoch.</summary>
    public static void TrainingCurves(string path, IReadOnlyList<EpochMetrics> metrics, string title = "Training")
    {
        if (metrics.Count == 0) throw new VaeException($"{path}: no epochs recorded yet, nothing to plot.");
        double[] epochs = metrics.Select(m => (double)m.Epoch).ToArray();
        var plot = new Plot();
        var train = plot.Add.Scatter(epochs, metrics.Select(m => -m.TrainElbo).ToArray());
        train.LegendText = "train -ELBO";
        var val = metrics.Where(m => m.ValElbo is not null).ToList();
        if (val.Count > 0)
        {
            var v = plot.Add.Scatter(val.Select(m => (double)m.Epoch).ToArray(), val.Select(m => -m.ValElbo!.Value).ToArray());
            v.LegendText = "validation -ELBO";
        }
        var kl = plot.Add.Scatter(epochs, metrics.Select(m => m.TrainKl).ToArray());
        kl.LegendText = "train KL (right axis)";
        kl.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "KL (nats)";
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("-ELBO (nats per example)");
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path, 800, 500);
    }

    /// <summary>Scatter of 2-D points coloured by integer label.</summary>
    public static void Scatter2D(string path, double[] xs, double[] ys, int[]? labels, IReadOnlyList<string>? classNames, string title, string xLabel, string yLabel) =>
        AtomicFile.WriteAllBytes(path, Scatter2DPng(xs, ys, labels, classNames, title, xLabel, yLabel));

    /// <summary>The PNG of <see cref="Scatter2D"/>.</summary>
    public static byte[] Scatter2DPng(double[] xs, double[] ys, int[]? labels, IReadOnlyList<string>? classNames, string title, string xLabel, string yLabel, int width = 800, int height = 700)
    {
        var plot = new Plot();
        if (labels is null)
        {
            var s = plot.Add.ScatterPoints(xs, ys);
            s.MarkerSize = 2;
        }
        else
        {
            var palette = new ScottPlot.Palettes.Category10();
            foreach (int label in labels.Distinct().Order())
            {
                var idx = Enumerable.Range(0, labels.Length).Where(i => labels[i] == label).ToArray();
                var s = plot.Add.ScatterPoints(idx.Select(i => xs[i]).ToArray(), idx.Select(i => ys[i]).ToArray(), palette.GetColor(label));
                s.MarkerSize = 3;
                s.LegendText = classNames is not null && label < classNames.Count ? classNames[label] : label.ToString();
            }
            plot.ShowLegend(Alignment.UpperRight);
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return Png(plot, width, height);
    }

    /// <summary>
    /// Scatter of 2-D points coloured by a continuous value (viridis, with a colour bar). The colours
    /// come in <paramref name="levels"/> equal steps of the value's range; points whose value is NaN are grey.
    /// </summary>
    public static void ScatterContinuous(string path, double[] xs, double[] ys, double[] values, string title, string xLabel, string yLabel, string valueLabel, int levels = 24)
    {
        var known = values.Where(double.IsFinite).ToArray();
        if (known.Length == 0) throw new VaeException($"{path}: no finite values to colour the points by.");
        var range = new ScottPlot.Range(known.Min(), known.Max());
        var colormap = new ScottPlot.Colormaps.Viridis();
        var plot = new Plot();
        double span = range.Max - range.Min;
        var level = values.Select(v => !double.IsFinite(v) ? -1 : span == 0 ? 0 : Math.Min(levels - 1, (int)((v - range.Min) / span * levels))).ToArray();
        foreach (int l in level.Distinct().Order())
        {
            var idx = Enumerable.Range(0, xs.Length).Where(i => level[i] == l).ToArray();
            var color = l < 0 ? Colors.Gray : colormap.GetColor((l + 0.5) / levels);
            var s = plot.Add.ScatterPoints(idx.Select(i => xs[i]).ToArray(), idx.Select(i => ys[i]).ToArray(), color);
            s.MarkerSize = 3;
        }
        var bar = plot.Add.ColorBar(new ColorAxis(colormap, range));
        bar.Label = valueLabel;
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        Save(plot, path, 850, 700);
    }

    sealed class ColorAxis(IColormap colormap, ScottPlot.Range range) : IHasColorAxis
    {
        public IColormap Colormap { get; set; } = colormap;
        public ScottPlot.Range GetRange() => range;
    }

    /// <summary>Bar chart of one value per item, with an optional horizontal threshold line.</summary>
    public static void Bars(string path, double[] values, string title, string xLabel, string yLabel, double? threshold = null) =>
        AtomicFile.WriteAllBytes(path, BarsPng(values, title, xLabel, yLabel, threshold));

    /// <summary>The PNG of <see cref="Bars"/>.</summary>
    public static byte[] BarsPng(double[] values, string title, string xLabel, string yLabel, double? threshold = null, int width = 900, int height = 450)
    {
        var plot = new Plot();
        plot.Add.Bars(values);
        if (threshold is double t)
        {
            var line = plot.Add.HorizontalLine(t);
            line.LegendText = $"threshold {t}";
            line.LinePattern = LinePattern.Dashed;
            plot.ShowLegend(Alignment.UpperRight);
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.Margins(bottom: 0);
        return Png(plot, width, height);
    }

    /// <summary>Grouped bars: one group per category, one bar per series.</summary>
    public static void GroupedBars(string path, IReadOnlyList<string> categories, IReadOnlyList<(string Name, double[] Values)> series, string title, string yLabel)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int s = series.Count;
        for (int j = 0; j < s; j++)
        {
            var bars = series[j].Values.Select((v, i) => new Bar { Position = i * (s + 1) + j, Value = v, FillColor = palette.GetColor(j) }).ToList();
            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[j].Name, FillColor = palette.GetColor(j) });
        }
        var ticks = categories.Select((c, i) => new Tick(i * (s + 1) + (s - 1) / 2.0, c)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title(title);
        plot.YLabel(yLabel);
        Save(plot, path, 900, 500);
    }

    /// <summary>Several curves against a shared x axis (log-scaled y when asked).</summary>
    public static void Curves(string path, IReadOnlyList<(string Name, double[] X, double[] Y)> curves, string title, string xLabel, string yLabel) =>
        AtomicFile.WriteAllBytes(path, CurvesPng(curves, title, xLabel, yLabel));

    /// <summary>The PNG of <see cref="Curves"/>.</summary>
    public static byte[] CurvesPng(IReadOnlyList<(string Name, double[] X, double[] Y)> curves, string title, string xLabel, string yLabel, int width = 800, int height = 500)
    {
        var plot = new Plot();
        foreach (var (name, x, y) in curves)
        {
            var sc = plot.Add.Scatter(x, y);
            sc.LegendText = name;
        }
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return Png(plot, width, height);
    }

    /// <summary>Rate (x) against distortion (y), one labelled point per model, with the lines of constant ELBO R + D = c through them.</summary>
    public static void RateDistortion(string path, IReadOnlyList<(string Label, double Rate, double Distortion)> points, string title) =>
        AtomicFile.WriteAllBytes(path, RateDistortionPng(points, title));

    /// <summary>The PNG of <see cref="RateDistortion"/>.</summary>
    public static byte[] RateDistortionPng(IReadOnlyList<(string Label, double Rate, double Distortion)> points, string title, int width = 800, int height = 600)
    {
        var plot = new Plot();
        double rMax = points.Max(p => p.Rate) * 1.1 + 1;
        foreach (var (_, r, d) in points)
        {
            double c = r + d; // ELBO = −c along R + D = c
            var line = plot.Add.Line(0, c, Math.Min(c, rMax), c - Math.Min(c, rMax));
            line.LinePattern = LinePattern.Dotted;
            line.Color = Colors.Gray;
        }
        var curve = plot.Add.Scatter(points.Select(p => p.Rate).ToArray(), points.Select(p => p.Distortion).ToArray());
        curve.LegendText = "models (labelled by β)";
        foreach (var (label, r, d) in points) plot.Add.Text(label, r, d);
        plot.Title(title);
        plot.XLabel("rate R = E KL(q(z|x) || p(z))  (nats)");
        plot.YLabel("distortion D = -E log p(x|z)  (nats)");
        plot.Axes.SetLimitsX(0, rMax);
        plot.Axes.SetLimitsY(points.Min(p => p.Distortion) * 0.95, points.Max(p => p.Distortion) * 1.05);
        plot.ShowLegend(Alignment.UpperRight);
        return Png(plot, width, height);
    }

    static void Save(Plot plot, string path, int width, int height) => AtomicFile.WriteAllBytes(path, Png(plot, width, height));

    static byte[] Png(Plot plot, int width, int height) => plot.GetImageBytes(width, height, ImageFormat.Png);
}
