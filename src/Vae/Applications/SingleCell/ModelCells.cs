using Vae.Runs;

namespace Vae.Applications.SingleCell;

/// <summary>
/// The cells a trained model was trained and tested on, loaded again from its config (the same
/// genes, the same held-out cells), with the labels and batches used to score it.
/// </summary>
/// <param name="Batches">Batches for batch mixing (the model's batch covariate, or another metadata column); null for none.</param>
public sealed record ModelCells(CellData Data, int[]? Labels, IReadOnlyList<string>? LabelNames, int[]? Batches, IReadOnlyList<string>? BatchNames, string? LabelKey, string? BatchKey)
{
    /// <summary>
    /// Loads the model's data (<paramref name="source"/> and <paramref name="metadata"/> replace the
    /// paths in its config when given). Labels come from <paramref name="labelKey"/>, else the config's,
    /// else <c>cell_type</c>; batches from <paramref name="batchKey"/>, else the model's batch covariate,
    /// else <c>batch</c> ("none" for none).
    /// </summary>
    public static ModelCells Load(RunConfig config, string? source = null, string? metadata = null, string? labelKey = null, string? batchKey = null)
    {
        var options = config.Data with { Source = source ?? config.Data.Source, Metadata = metadata ?? config.Data.Metadata };
        if (!CountData.IsCountSource(options.Source))
            throw new VaeException($"--data {options.Source}: the model was not trained on counts; give --data 10x:<dir>, counts:<file> or h5ad:<file>.");
        var (defaultLabel, defaultBatch) = CountData.ResolveKeys(options.Source, options.Metadata, null, null);
        string? label = labelKey is null ? options.LabelKey ?? defaultLabel : IsNone(labelKey) ? null : labelKey;
        string? batch = batchKey is null ? options.BatchKey ?? defaultBatch : IsNone(batchKey) ? null : batchKey;
        if (options.Metadata is null && CountSource.H5adPath(options.Source) is null && (label ?? batch) is not null)
            throw new VaeException("--label-key and --batch-key name columns of --metadata <csv>; the model has no metadata, so give it.");
        var data = CountData.Load(options with { LabelKey = label });
        var input = config.Model.Input;
        if (data.Train.Shape != input)
            throw new VaeException($"{options.Source}: gives {data.Train.Shape} of counts per cell but the model expects {input}; use the data and --hvg it was trained with.");
        if (data.Train.ConditionSize != config.Model.Conditions)
            throw new VaeException($"{options.Source}: gives {data.Train.ConditionSize} batches but the model is conditioned on {config.Model.Conditions}.");
        var (batches, batchNames) = batch is null ? (null, null)
            : batch.Equals(options.BatchKey, StringComparison.OrdinalIgnoreCase) ? (data.Cells.Batches, data.Cells.BatchNames)
            : Categories.Encode(CountSource.Columns(options.Source, options.Metadata)!.Values(data.Cells.Counts.Barcodes, batch, "--batch-key"));
        return new ModelCells(data, data.Cells.Labels, data.Cells.LabelNames, batches, batchNames, label, batch);
    }

    static bool IsNone(string key) => key.Equals("none", StringComparison.OrdinalIgnoreCase);
}
