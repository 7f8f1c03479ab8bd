namespace Vae.Applications.SingleCell;

/// <summary>
/// A count model's per-cell outputs as an AnnData file: X = the input counts of the model's genes (CSR),
/// obs = the barcodes with the split (vae_split: train/test) and the label and batch columns, var = the
/// genes, obsm['X_vae'] = the latent means, layers['vae_normalized'] and layers['vae_batch_corrected'] =
/// normalized and batch-corrected expression (<see cref="CellExpression"/>), and uns['vae'] = the model's
/// config.json (a JSON string) with the model folder and the reference batch.
/// </summary>
public static class H5adExport
{
    public static void Write(string path, ModelCells cells, float[] latentMean, int latent, float[]? normalized, float[]? corrected,
        string? referenceBatch, string modelDir, string configJson)
    {
        var data = cells.Data;
        var counts = data.Cells.Counts;
        var genes = data.Genes;
        var isTest = data.IsTest();
        var obs = new List<(string, string?[])> { ("vae_split", isTest.Select(t => (string?)(t ? "test" : "train")).ToArray()) };
        if (cells.Labels is not null) obs.Add((cells.LabelKey ?? "label", cells.Labels.Select(l => (string?)cells.LabelNames![l]).ToArray()));
        if (cells.Batches is not null && (cells.BatchKey ?? "batch") != (cells.LabelKey ?? "label"))
            obs.Add((cells.BatchKey ?? "batch", cells.Batches.Select(b => (string?)cells.BatchNames![b]).ToArray()));
        var ids = genes.Select(g => counts.GeneIds[g]).ToArray();
        var names = genes.Select(g => counts.GeneNames[g]).ToArray();
        var layers = new List<(string, float[])>();
        if (normalized is not null) layers.Add(("vae_normalized", normalized));
        if (corrected is not null) layers.Add(("vae_batch_corrected", corrected));
        var uns = new List<(string, string)> { ("config", configJson), ("model_dir", Path.GetFullPath(modelDir)) };
        if (referenceBatch is not null) uns.Add(("reference_batch", referenceBatch));
        H5adWriter.Write(path, new H5adContent(SelectColumns(counts.Counts, genes), counts.Barcodes, names)
        {
            ObsCategoricals = obs,
            VarStrings = ids.SequenceEqual(names) ? [] : [("gene_ids", ids)],
            Obsm = [("X_vae", latentMean, latent)],
            Layers = layers,
            Uns = uns,
        });
    }

    /// <summary>The columns <paramref name="columns"/> (increasing) of a CSR matrix, renumbered 0..k−1.</summary>
    public static SparseCounts SelectColumns(SparseCounts m, IReadOnlyList<int> columns)
    {
        var position = Enumerable.Repeat(-1, m.Columns).ToArray();
        for (int j = 0; j < columns.Count; j++) position[columns[j]] = j;
        var start = new long[m.Rows + 1];
        var cols = new List<int>();
        var vals = new List<float>();
        for (int r = 0; r < m.Rows; r++)
        {
            var c = m.RowColumns(r);
            var v = m.RowValues(r);
            for (int k = 0; k < c.Length; k++)
                if (position[c[k]] >= 0) { cols.Add(position[c[k]]); vals.Add(v[k]); }
            start[r + 1] = cols.Count;
        }
        return new SparseCounts(m.Rows, columns.Count, start, cols.ToArray(), vals.ToArray());
    }
}
