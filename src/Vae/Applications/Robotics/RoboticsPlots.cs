using ScottPlot;
using Vae.IO;

namespace Vae.Applications.Robotics;

/// <summary>The plots of the robotics results: errors against the prediction horizon, probe R² side by side.</summary>
public static class RoboticsPlots
{
    /// <summary>One line per series against the horizon 1 … H.</summary>
    public static void Horizon(string path, string title, string yLabel, IReadOnlyList<(string Name, double[] Values)> series)
    {
        var plot = new Plot();
        foreach (var (name, values) in series)
        {
            var line = plot.Add.Scatter(Enumerable.Range(1, values.Length).Select(k => (double)k).ToArray(), values);
            line.LegendText = name;
        }
        plot.Title(title);
        plot.XLabel("prediction horizon (frames)");
        plot.YLabel(yLabel);
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path, 800, 500);
    }

    /// <summary>Grouped bars: for each variable one bar per series.</summary>
    public static void GroupedBars(string path, string title, string yLabel, IReadOnlyList<string> groups, IReadOnlyList<(string Name, double[] Values)> series)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        double width = 0.8 / series.Count;
        var bars = new List<Bar>();
        for (int s = 0; s < series.Count; s++)
        {
            var colour = palette.GetColor(s);
            for (int g = 0; g < groups.Count; g++)
                bars.Add(new Bar { Position = g - 0.4 + width * (s + 0.5), Value = Math.Max(series[s].Values[g], -0.1), FillColor = colour, Size = width * 0.95 });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Name, FillColor = colour });
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, groups.Count).Select(g => (double)g).ToArray(), groups.ToArray());
        plot.Axes.SetLimitsY(-0.1, 1.05);
        plot.Title(title);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.LowerRight);
        Save(plot, path, 900, 450);
    }

    static void Save(Plot plot, string path, int width, int height) =>
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(width, height, ImageFormat.Png));
}
