using Vae.Applications.SingleCell;

namespace Vae.Cli.Commands.SingleCell;

public sealed class ExportSettings : ModelCountSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Folder to write latent.csv, normalized.csv.gz and (for a model with batches) corrected.csv.gz and the 2-D plots.")]
    public string? Out { get; init; }

    [CommandOption("--reference-batch <NAME>")]
    [Description("The batch every cell is decoded as for corrected.csv.gz (default: the first batch in sorted order).")]
    public string? ReferenceBatch { get; init; }

    [CommandOption("--no-expression")]
    [Description("Write only latent.csv and the plots (the expression tables are cells × genes and large).")]
    public bool NoExpression { get; init; }
}

[Description("Write per-cell outputs of a model trained on counts: latent means and standard deviations (latent.csv), normalized expression (softmax proportions over genes, normalized.csv.gz), batch-corrected expression decoded as if every cell came from one reference batch (corrected.csv.gz), and the latent space in 2-D colored by cell type and by batch.")]
public sealed class ExportCommand(CliConsole console) : Command<ExportSettings>
{
    public override int Execute(CommandContext context, ExportSettings s, CancellationToken cancel)
    {
        var device = s.Setup();
        if (string.IsNullOrWhiteSpace(s.Out)) throw new VaeException("--out <dir>: say where to write the tables.");
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
        var both = new float[(long)data.Count * 2 * d];
        for (int c = 0; c < data.Count; c++)
        {
            Array.Copy(mean, (long)c * d, both, (long)c * 2 * d, d);
            Array.Copy(std, (long)c * d, both, (long)c * 2 * d + d, d);
        }
        string latentPath = Path.Combine(s.Out, "latent.csv");
        CellTables.Write(latentPath, cells, both, [.. Enumerable.Range(1, d).Select(j => $"mu_{j}"), .. Enumerable.Range(1, d).Select(j => $"sigma_{j}")]);
        console.WriteLine($"Wrote {latentPath}: {data.Count:N0} cells × {d} latent means and standard deviations");

        if (!s.NoExpression)
        {
            var genes = data.Genes.Select(g => data.Cells.Counts.GeneNames[g]).ToArray();
            string normalized = Path.Combine(s.Out, "normalized.csv.gz");
            CellTables.Write(normalized, cells, Expression(model, data, device, null), genes);
            console.WriteLine($"Wrote {normalized}: normalised expression (proportions over {genes.Length:N0} genes, each cell decoded at z = μ(x) with its own batch)");
            if (reference is int r)
            {
                string corrected = Path.Combine(s.Out, "corrected.csv.gz");
                CellTables.Write(corrected, cells, Expression(model, data, device, r), genes);
                console.WriteLine($"Wrote {corrected}: batch-corrected expression (every cell decoded as if from batch {modelBatches![r]})");
            }
        }
        string name = Path.GetFileName(Path.GetFullPath(s.ModelDir).TrimEnd('/'));
        foreach (var p in LatentPlots.Write(s.Out, "latent", $"VAE latent means ({name})", mean, d, cells.Labels, cells.LabelNames, cells.Batches, cells.BatchNames))
            console.WriteLine($"Wrote {p}");
        return ExitCodes.Ok;
    }

    static float[] Expression(Vae.Models.VaeModel model, CellData data, TorchSharp.torch.Device device, int? batch) =>
        data.Merge(CellExpression.Normalised(model, data.Train, device, batch), CellExpression.Normalised(model, data.Test, device, batch), data.Genes.Length);
}
