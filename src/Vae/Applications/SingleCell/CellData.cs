using Vae.Data;

namespace Vae.Applications.SingleCell;

/// <summary>
/// Single-cell counts prepared for a model: the annotated cells, the selected genes, and the split
/// of the cells into training and held-out (test) cells, with both parts as data sets (raw counts of
/// the selected genes, cell-type labels, one-hot batch conditions). <see cref="CountData.Load"/> makes it.
/// </summary>
/// <param name="Cells">All cells, sparse, with their labels and batches.</param>
/// <param name="Genes">The selected genes (indices into <c>Cells.Counts</c>), increasing: the features of the data sets.</param>
/// <param name="TrainCells">The training cells (indices into <c>Cells</c>), increasing: the rows of <see cref="Train"/>.</param>
/// <param name="TestCells">The held-out cells, increasing: the rows of <see cref="Test"/>.</param>
public sealed record CellData(AnnotatedCells Cells, int[] Genes, int[] TrainCells, int[] TestCells, Dataset Train, Dataset Test)
{
    public int Count => Cells.Counts.Cells;

    /// <summary>For every cell, whether it is held out.</summary>
    public bool[] IsTest()
    {
        var test = new bool[Count];
        foreach (int c in TestCells) test[c] = true;
        return test;
    }

    /// <summary>Per-cell rows of training and test results (each [rows × width]) put back in the cells' order: [cells × width].</summary>
    public float[] Merge(float[] train, float[] test, int width)
    {
        var all = new float[(long)Count * width];
        for (int k = 0; k < TrainCells.Length; k++) Array.Copy(train, (long)k * width, all, (long)TrainCells[k] * width, width);
        for (int k = 0; k < TestCells.Length; k++) Array.Copy(test, (long)k * width, all, (long)TestCells[k] * width, width);
        return all;
    }
}
