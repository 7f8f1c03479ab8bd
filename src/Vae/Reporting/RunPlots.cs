using Vae.Data;
using Vae.Evaluation;
using Vae.Models;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Reporting;

/// <summary>The pictures written beside a trained model: training curves, and the latent space when it is 2-D.</summary>
public static class RunPlots
{
    public const string CurvesFile = "curves.png";
    public const string LatentFile = "latent.png";

    public static void WriteAfterTraining(string dir, VaeModel model, RunConfig config, IReadOnlyList<EpochMetrics> metrics, Device device)
    {
        if (metrics.Count > 0) Plots.TrainingCurves(Path.Combine(dir, CurvesFile), metrics, Describe(config));
        if (model.Latent == 2) LatentScatter(Path.Combine(dir, LatentFile), model, EvaluationData.LoadTest(config, 5000), device);
    }

    /// <summary>Means μ(x) coloured by label: the latent itself when d = 2, else its first two principal components.</summary>
    public static void LatentScatter(string path, VaeModel model, Dataset data, Device device) =>
        IO.AtomicFile.WriteAllBytes(path, LatentScatterPng(model, data, device));

    /// <summary>The PNG of <see cref="LatentScatter"/>.</summary>
    public static byte[] LatentScatterPng(VaeModel model, Dataset data, Device device, int width = 800, int height = 700)
    {
        var (mean, _) = Generation.Encode(model, data, device);
        int d = model.Latent, n = data.Count;
        double[] xs, ys;
        string title = $"Latent means of {data.Name}";
        if (d == 2)
        {
            xs = Enumerable.Range(0, n).Select(i => (double)mean[2 * i]).ToArray();
            ys = Enumerable.Range(0, n).Select(i => (double)mean[2 * i + 1]).ToArray();
        }
        else
        {
            var coords = Pca.Fit(mean, d, 2).Transform(mean);
            xs = Enumerable.Range(0, n).Select(i => coords[2 * i]).ToArray();
            ys = Enumerable.Range(0, n).Select(i => coords[2 * i + 1]).ToArray();
            title += $" (first 2 principal components of {d} dimensions)";
        }
        return Plots.Scatter2DPng(xs, ys, data.Labels, data.ClassNames, title, d == 2 ? "z1" : "PC 1", d == 2 ? "z2" : "PC 2", width, height);
    }

    public static string Describe(RunConfig c) =>
        $"{(c.Model.IsVariational ? "Vae" : "Autoencoder")} {c.Model.Network.Name} {string.Join("-", [c.Model.Input.Size, .. c.Model.Network.HiddenWidths(), c.Model.Latent])}, {c.Model.Likelihood}, {c.Data.Source}";
}
