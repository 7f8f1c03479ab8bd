using Vae.Applications.SingleCell;

namespace Vae.Cli.Commands.SingleCell;

public sealed class ExportSettings : ModelCountSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Folder to write latent.csv, normalized.csv.gz and (for a model with batches) corrected.csv.gz and the 2-D plots.")]
    public string? Out { get; init; }

    [CommandOption("--h5ad <FILE>")]
    [Description("Write an AnnData file instead of (or, with --out, besides) the tables: X = the input counts of the model's genes, obs = barcodes, split, labels and batches, obsm['X_vae'] = latent means, layers['vae_normalized'] and ['vae_batch_corrected'], uns['vae'] = the model's config.")]
    public string? H5ad { get; init; }

    [CommandOption("--reference-batch <NAME>")]
    [Description("The batch every cell is decoded as for corrected.csv.gz (default: the first batch in sorted order).")]
    public string? ReferenceBatch { get; init; }

    [CommandOption("--no-expression")]
    [Description("Write only latent.csv and the plots (the expression tables are cells × genes and large).")]
    public bool NoExpression { get; init; }
}

[Description("Write per-cell outputs of a model trained on counts (as tables with --out, as an AnnData .h5ad with --h5ad): latent means and standard deviations (latent.csv), normalized expression (softmax proportions over genes, normalized.csv.gz), batch-corrected expression decoded as if every cell came from one reference batch (corrected.csv.gz), and the latent space in 2-D colored by cell type and by batch.")]
public sealed class ExportCommand(CliConsole console) : Command<ExportSettings>
{
    public override int Execute(CommandContext context, ExportSettings s, CancellationToken cancel)
    {
        var device = s.Setup();
        if (string.IsNullOrWhiteSpace(s.Out) && string.IsNullOrWhiteSpace(s.H5ad)) throw new VaeException("--out <dir> or --h5ad <file>: say where to write the outputs.");
        using var loaded = ModelFolder.Load(s.ModelDir, device);
        var cells = s.LoadCells(loaded.Config);
        var data = cells.Data;
        var model = loaded.Model;
        int d = model.Latent;
        int? reference = null;
        var modelBatches = data.Cells.BatchNames;
        if (model.Options.Conditions > 0)
        {
            var names = modelBatches!.ToList();
            reference = s.ReferenceBatch is null ? 0 : names.IndexOf(s.ReferenceBatch) is int i and >= 0 ? i
                : throw new VaeException($"--reference-batch {s.ReferenceBatch}: no such batch (batches: {string.Join(", ", names)}).");
        }
        else if (s.ReferenceBatch is not null) throw new VaeException("--reference-batch: this model has no batch covariate.");

        var (trainMean, trainStd) = Generation.Encode(model, data.Train, device);
        var (testMean, testStd) = Generation.Encode(model, data.Test, device);
        var mean = data.Merge(trainMean, testMean, d);
        var std = data.Merge(trainStd, testStd, d);
        if (s.H5ad is { Length: > 0 } h5ad)
        {
            var normalized = s.NoExpression ? null : Expression(model, data, device, null);
            var corrected = s.NoExpression || reference is not int rb ? null : Expression(model, data, device, rb);
            H5adExport.Write(h5ad, cells, mean, d, normalized, corrected, reference is int r0 ? modelBatches![r0] : null,
                s.ModelDir, Vae.IO.Utf8Text.ReadAllText(Path.Combine(s.ModelDir, ModelFolder.ConfigFile)));
            console.WriteLine($"Wrote {h5ad}: {data.Count:N0} cells × {data.Genes.Length:N0} genes; obsm['X_vae'] ({d} latent means)"
                + (normalized is null ? "" : ", layers['vae_normalized']") + (corrected is null ? "" : $", layers['vae_batch_corrected'] (as batch {modelBatches![reference!.Value]})") + ", uns['vae']");
            if (string.IsNullOrWhiteSpace(s.Out)) return ExitCodes.Ok;
        }
        string outDir = s.Out!;
        var both = new float[(long)data.Count * 2 * d];
        for (int c = 0; c < data.Count; c++)
        {
            Array.Copy(mean, (long)c * d, both, (long)c * 2 * d, d);
            Array.Copy(std, (long)c * d, both, (long)c * 2 * d + d, d);
        }
        string latentPath = Path.Combine(outDir, "latent.csv");
        CellTables.Write(latentPath, cells, both, [.. Enumerable.Range(1, d).Select(j => $"mu_{j}"), .. Enumerable.Range(1, d).Select(j => $"sigma_{j}")]);
        console.WriteLine($"Wrote {latentPath}: {data.Count:N0} cells × {d} latent means and standard deviations");

        if (!s.NoExpression)
        {
            var genes = data.Genes.Select(g => data.Cells.Counts.GeneNames[g]).ToArray();
            string normalized = Path.Combine(outDir, "normalized.csv.gz");
            CellTables.Write(normalized, cells, Expression(model, data, device, null), genes);
            console.WriteLine($"Wrote {normalized}: normalised expression (proportions over {genes.Length:N0} genes, each cell decoded at z = μ(x) with its own batch)");
            if (reference is int r)
            {
                string corrected = Path.Combine(outDir, "corrected.csv.gz");
                CellTables.Write(corrected, cells, Expression(model, data, device, r), genes);
                console.WriteLine($"Wrote {corrected}: batch-corrected expression (every cell decoded as if from batch {modelBatches![r]})");
            }
        }
        string name = Path.GetFileName(Path.GetFullPath(s.ModelDir).TrimEnd('/'));
        foreach (var p in LatentPlots.Write(outDir, "latent", $"VAE latent means ({name})", mean, d, cells.Labels, cells.LabelNames, cells.Batches, cells.BatchNames))
            console.WriteLine($"Wrote {p}");
        return ExitCodes.Ok;
    }

    static float[] Expression(Vae.Models.VaeModel model, CellData data, TorchSharp.torch.Device device, int? batch) =>
        data.Merge(CellExpression.Normalised(model, data.Train, device, batch), CellExpression.Normalised(model, data.Test, device, batch), data.Genes.Length);
}
