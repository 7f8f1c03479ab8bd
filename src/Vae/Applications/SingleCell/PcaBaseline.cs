using Vae.Evaluation;

namespace Vae.Applications.SingleCell;

/// <summary>
/// The baseline embedding: PCA (centred, not scaled) of log-normalised counts
/// (<see cref="LogNormalization"/>) of the selected genes.
/// </summary>
public static class PcaBaseline
{
    /// <summary>The first <paramref name="components"/> principal coordinates of each cell (randomized, single precision: <see cref="Pca.FitRandomized"/>): [cells × components], row-major.</summary>
    public static float[] Embed(SparseCounts counts, IReadOnlyList<int> genes, int components, int seed = 0)
    {
        if (components < 1 || components > genes.Count) throw new VaeException($"--components {components}: must be between 1 and the number of genes ({genes.Count}).");
        var x = LogNormalization.Transform(counts, genes);
        return Array.ConvertAll(Pca.FitRandomized(x, genes.Count, components, seed).Transform(x), v => (float)v);
    }
}
