using System.Diagnostics;
using Vae.Evaluation;
using Vae.Reporting;
using static Vae.Workflows.Reports.ReportText;

namespace Vae.Workflows.Reports;

public static partial class ModelReport
{
    /// <summary>Pixels per image pixel in the grids: small images are drawn larger.</summary>
    static int Scale(DataShape shape) => shape.Width <= 32 ? 2 : 1;

    static void Pictures(ModelReportContext c)
    {
        var (model, shape, test) = (c.Loaded.Model, c.Loaded.Config.Model.Input, c.Test);
        int scale = Scale(shape);
        var clock = Stopwatch.StartNew();
        c.Page.Png(ImageGrid.Render(Generation.Sample(model, 64, c.Device, seed: 0), shape, 8, scale),
            model.IsVariational ? "64 samples: decoded means E[x|z] for z ~ p(z) (seed 0)" : "64 decodings of z ~ N(0, I) (seed 0; an autoencoder's codes need not follow it)");
        var first = test.Take(16);
        c.Page.Png(ImageGrid.Render(ReconstructionGrid.Interleave(first.Features, Generation.Reconstruct(model, first, c.Device), first.Dimension, 8), shape, 8, scale),
            $"The first {first.Count} test images (odd rows) and their reconstructions E[x|z = μ(x)] (even rows)");
        int pairs = Math.Min(3, test.Count / 2);
        if (pairs > 0)
        {
            var interpolations = new List<float>();
            for (int p = 0; p < pairs; p++)
                interpolations.AddRange([.. test.Row(2 * p), .. Generation.Interpolate(model, test.Row(2 * p), test.Row(2 * p + 1), 10, c.Device), .. test.Row(2 * p + 1)]);
            c.Page.Png(ImageGrid.Render(interpolations.ToArray(), shape, 12, scale),
                "Linear paths in latent space between test images 0–1, 2–3 and 4–5 (the inputs at both ends, 10 decoded points between)");
        }
        c.Page.Note($"Decoded by the model ({Seconds(clock.Elapsed)}).");
    }

    static void Traversals(ModelReportContext c)
    {
        var (model, shape) = (c.Loaded.Model, c.Loaded.Config.Model.Input);
        var clock = Stopwatch.StartNew();
        var sample = c.Test.Take(Math.Min(1000, c.Budget.DiagnoseExamples));
        var (start, _) = Generation.Encode(model, c.Test.Take(1), c.Device);
        const int steps = 9, rows = 8;
        const double span = 3;
        var t = LatentTraversal.MostUsed(model, sample, start, steps, span, rows, c.Device);
        c.Page.Png(ImageGrid.Render(t.Images, shape, steps, Scale(shape)),
            $"Rows: the {t.Dimensions.Length} most used dimensions ({string.Join(", ", t.Dimensions.Select((j, i) => $"z{j} {F(t.Kl[i])} nats"))}), each swept from −{span} to +{span} around μ(x) of test image 0, the others held");
        c.Page.Note($"Dimensions ranked by mean KL on {N(sample.Count)} test examples, as `vae disentangle --traversal` ranks them ({Seconds(clock.Elapsed)}).");
    }

    static void LatentSpace(ModelReportContext c)
    {
        var clock = Stopwatch.StartNew();
        var data = c.Test.Take(c.Budget.LatentExamples);
        var png = RunPlots.LatentScatterPng(c.Loaded.Model, data, c.Device);
        c.Page.Png(png, c.Loaded.Model.Latent == 2 ? "Latent means μ(x), coloured by label" : $"Latent means μ(x), first two principal components of {c.Loaded.Model.Latent} dimensions, coloured by label");
        c.Page.Note($"The first {N(data.Count)} test examples{(data.Labels is null ? " (the data has no labels)" : "")} ({Seconds(clock.Elapsed)}).");
    }
}
