namespace Vae.Applications.SingleCell;

/// <summary>Builds a <see cref="SparseCounts"/> one row at a time (rows in order, columns increasing within a row).</summary>
public sealed class SparseCountsBuilder
{
    private readonly int columns;
    private readonly List<long> rowStart = [0];
    private int[] cols = new int[1024];
    private float[] values = new float[1024];
    private long count;

    public SparseCountsBuilder(int columns) => this.columns = columns;

    public int Rows => rowStart.Count - 1;

    /// <summary>Appends one entry to the current row; zeros are skipped.</summary>
    public void Add(int column, float value)
    {
        if (value == 0) return;
        if (count == cols.Length)
        {
            Array.Resize(ref cols, checked(cols.Length * 2));
            Array.Resize(ref values, values.Length * 2);
        }
        cols[count] = column;
        values[count++] = value;
    }

    /// <summary>Closes the current row.</summary>
    public void EndRow() => rowStart.Add(count);

    /// <summary>Appends a whole dense row.</summary>
    public void AddDenseRow(ReadOnlySpan<float> row)
    {
        for (int j = 0; j < row.Length; j++) Add(j, row[j]);
        EndRow();
    }

    public SparseCounts Build() => new(Rows, columns, rowStart.ToArray(), cols[..(int)count], values[..(int)count]);
}
