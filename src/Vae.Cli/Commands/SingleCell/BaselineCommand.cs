using System.Diagnostics;
using System.Text;
using Vae.Applications.SingleCell;


namespace Vae.Cli.Commands.SingleCell;

public sealed class BaselineSettings : CountDataSettings
{
    [CommandOption("--hvg <N>")]
    [Description("Highly variable genes to keep (Seurat v3 method, per batch; default 2000).")]
    [DefaultValue(2000)]
    public int Hvg { get; init; } = 2000;

    [CommandOption("--components <K>")]
    [Description("Principal components (default 10).")]
    [DefaultValue(10)]
    public int Components { get; init; } = 10;

    [CommandOption("--seed <S>")]
    [Description("Seed of k-means and of the cell subsamples of the metrics (default 0).")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--out <CSV>")]
    [Description("Also write the PCA coordinates: barcode, pc_1..pc_K.")]
    public string? Out { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object: {\"pca\": {ari, nmi, silhouette, batch_mixing}, cells, genes, components, seconds}.")]
    public bool Json { get; init; }
}

[Description("The PCA baseline: log-normalized counts (log1p of counts per 10,000) of the highly variable genes, PCA, and its metrics against known labels (ARI, NMI, silhouette, batch mixing).")]
public sealed class BaselineCommand(CliConsole console) : Command<BaselineSettings>
{
    public override int Execute(CommandContext context, BaselineSettings s, CancellationToken cancel)
    {
        s.Setup();
        if (!s.HasColumns) throw new VaeException("--metadata <csv>: the baseline's metrics need known labels (and batches) per cell (or give an h5ad:<file> with them in obs).");
        var clock = Stopwatch.StartNew();
        var cells = AnnotatedCells.Load(s.RequireData(), s.Metadata, s.LabelKey, s.BatchColumn, s.Layer);
        cells.Counts.RequireCounts();
        var genes = HighlyVariableGenes.Select(cells.Counts.Counts, s.Hvg, cells.Batches).Selected;
        var embedding = PcaBaseline.Embed(cells.Counts.Counts, genes, s.Components);
        var scores = EmbeddingMetrics.Compute(embedding, s.Components, cells.Labels!, cells.Batches, new MetricOptions { Seed = s.Seed });
        double seconds = clock.Elapsed.TotalSeconds;
        if (s.Out is not null) WriteCoordinates(s.Out, embedding, s.Components, cells.Counts.Barcodes);
        if (s.Json)
        {
            console.WriteJson(new ScBaselineResult(scores, cells.Counts.Cells, genes.Length, s.Components, Math.Round(seconds, 2)));
            return ExitCodes.Ok;
        }
        console.WriteLine($"PCA baseline on {cells.Counts.Cells:N0} cells: {genes.Length:N0} highly variable genes, log1p(counts per 10,000), {s.Components} components ({seconds:F1} s)");
        console.WriteLine($"  ARI            {scores.Ari,8:F3}   (k-means, k = {cells.LabelNames!.Count}, against {s.LabelKey})");
        console.WriteLine($"  NMI            {scores.Nmi,8:F3}");
        console.WriteLine($"  silhouette     {scores.Silhouette,8:F3}   (by {s.LabelKey})");
        console.WriteLine($"  batch mixing   {scores.BatchMixing,8:F3}   (normalised entropy of {s.BatchColumn ?? "batch"} among 50 neighbours; 1 = fully mixed)");
        if (s.Out is not null) console.WriteLine($"Wrote the coordinates to {s.Out}");
        return ExitCodes.Ok;
    }

    static void WriteCoordinates(string path, float[] embedding, int k, IReadOnlyList<string> barcodes)
    {
        var sb = new StringBuilder("barcode,").AppendLine(string.Join(",", Enumerable.Range(1, k).Select(j => $"pc_{j}")));
        for (int i = 0; i < barcodes.Count; i++)
            sb.Append(barcodes[i]).Append(',').AppendLine(string.Join(",", Enumerable.Range(0, k).Select(j => embedding[i * k + j].ToString("G7", CultureInfo.InvariantCulture))));
        AtomicFile.WriteAllText(path, sb.ToString());
    }
}
