using System.Diagnostics;
using System.Runtime.CompilerServices;
using Vae.Runs;
using Vae.Workflows.Reports;
using static Vae.Workflows.Reports.ReportText;

namespace Vae.Applications.SingleCell;

/// <summary>
/// The single-cell section of the report of a model trained on counts: `vae sc evaluate`'s scores (ARI, NMI,
/// silhouette, batch mixing of the latent means against the PCA baseline; the held-out log-likelihood overall and
/// for the rare type) and the latent means coloured by cell type and by batch (the batch-mixing plot).
/// </summary>
sealed class CellReportSection : IModelReportSection
{
#pragma warning disable CA2255 // registering a plug-in before any entry point can build a report: what a module initializer is for
    [ModuleInitializer]
    internal static void Register() => ModelReportSections.Register(new CellReportSection());
#pragma warning restore CA2255

    public string Title => "Single-cell scores";

    public bool Applies(RunConfig config) => CountData.IsCountSource(config.Data.Source);

    public void Write(ModelReportContext c)
    {
        var (model, device) = (c.Loaded.Model, c.Device);
        var clock = Stopwatch.StartNew();
        var cells = ModelCells.Load(c.Loaded.Config);
        if (cells.Labels is null || cells.LabelNames is null)
        {
            c.Page.Note("The cells have no labels (no cell_type column, or no --label-key in training): the scores need known cell types.");
            return;
        }
        var metrics = c.Budget.Fast ? new MetricOptions { Restarts = 3, SilhouetteCells = 1000, MixingCells = 500 } : MetricOptions.Default;
        var options = new CellEvaluationOptions { K = c.Budget.CellK, Components = model.Latent, Metrics = metrics };
        var baseline = PcaBaseline.Embed(cells.Data.Cells.Counts.Counts, cells.Data.Genes, model.Latent, metrics.Seed);
        var r = CellEvaluation.Evaluate(model, cells.Data, cells.Labels, cells.LabelNames, cells.Batches, device, options, baseline);
        c.Page.Note($"Computed as `vae sc evaluate --k {r.K}` computes them: the latent means of {N(r.EmbeddedCells)} cells against PCA of the log-normalised counts ({r.Components} components), "
            + $"k-means with {metrics.Restarts} restarts, the silhouette on {N(metrics.SilhouetteCells)} cells, batch mixing among {metrics.Neighbours} neighbours of {N(metrics.MixingCells)} cells; "
            + $"log p(x) with K = {r.K} on the {N(r.HeldoutCells)} held-out cells ({Seconds(clock.Elapsed)}).");
        c.Page.Table(["score", "VAE", "PCA"],
        [
            ["ARI", F(r.Vae.Ari, 3), F(r.Pca.Ari, 3)],
            ["NMI", F(r.Vae.Nmi, 3), F(r.Pca.Nmi, 3)],
            [$"silhouette (by {cells.LabelKey})", F(r.Vae.Silhouette, 3), F(r.Pca.Silhouette, 3)],
            [cells.BatchKey is null ? "batch mixing (no batches)" : $"batch mixing (by {cells.BatchKey}; 1 = fully mixed)", F(r.Vae.BatchMixing, 3), F(r.Pca.BatchMixing, 3)],
        ]);
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { $"log p(x), K = {r.K}", $"{F(r.Vae.HeldoutLoglik)} ± {F(r.Vae.HeldoutLoglikSe)}", $"{F(r.Vae.HeldoutLoglikRare)} ± {F(r.Vae.HeldoutLoglikRareSe)}" },
            new[] { "ELBO", F(r.Vae.HeldoutElbo), F(r.Vae.HeldoutElboRare) },
            new[] { "E_q log p(x|z)", F(r.Vae.HeldoutRecon), F(r.Vae.HeldoutReconRare) },
        };
        c.Page.Table(["held-out cells (nats per cell)", $"all ({N(r.HeldoutCells)})", $"rare type {r.RareType} ({N(r.RareHeldoutCells)})"], rows);
        var latent = CellEvaluation.LatentMeans(model, cells.Data, device);
        var pngs = LatentPlots.Render($"VAE latent means ({ModelReport.FolderName(c.Loaded.Directory)})", latent, model.Latent, cells.Labels, cells.LabelNames, cells.Batches, cells.BatchNames);
        c.Page.PngRow(pngs.Select(p => (p.Png, p.Suffix == "batch" ? "Latent means coloured by batch: well-mixed colours mean the batch effect is removed" : "Latent means coloured by cell type")));
    }
}
