namespace Vae.Applications.SingleCell;

/// <summary>
/// A sparse matrix in compressed sparse row (CSR) form: rows are cells, columns are genes. Row r
/// holds the entries <c>RowStart[r] .. RowStart[r+1]</c> of <see cref="ColumnIndex"/> and
/// <see cref="Values"/>, with column indices strictly increasing within a row.
/// </summary>
public sealed class SparseCounts
{
    public SparseCounts(int rows, int columns, long[] rowStart, int[] columnIndex, float[] values)
    {
        if (rows < 0 || columns < 0) throw new ArgumentOutOfRangeException(nameof(rows), "negative size");
        if (rowStart.Length != rows + 1 || rowStart[0] != 0 || rowStart[rows] != values.Length || columnIndex.Length != values.Length)
            throw new ArgumentException("inconsistent CSR arrays");
        for (int r = 0; r < rows; r++)
            for (long k = rowStart[r]; k < rowStart[r + 1]; k++)
                if ((uint)columnIndex[k] >= (uint)columns || k > rowStart[r] && columnIndex[k] <= columnIndex[k - 1])
                    throw new ArgumentException($"row {r}: column indices must be increasing and below {columns}");
        Rows = rows;
        Columns = columns;
        RowStart = rowStart;
        ColumnIndex = columnIndex;
        Values = values;
    }

    public int Rows { get; }
    public int Columns { get; }
    public long[] RowStart { get; }
    public int[] ColumnIndex { get; }
    public float[] Values { get; }
    public long NonZeros => Values.LongLength;

    public ReadOnlySpan<int> RowColumns(int row) => ColumnIndex.AsSpan((int)RowStart[row], (int)(RowStart[row + 1] - RowStart[row]));

    public ReadOnlySpan<float> RowValues(int row) => Values.AsSpan((int)RowStart[row], (int)(RowStart[row + 1] - RowStart[row]));

    /// <summary>The value at (row, column), 0 when not stored.</summary>
    public float this[int row, int column]
    {
        get
        {
            int k = RowColumns(row).BinarySearch(column);
            return k >= 0 ? RowValues(row)[k] : 0f;
        }
    }

    /// <summary>Σ over each row (a cell's total count, its library size).</summary>
    public double[] RowSums()
    {
        var sums = new double[Rows];
        for (int r = 0; r < Rows; r++) foreach (float v in RowValues(r)) sums[r] += v;
        return sums;
    }

    /// <summary>The rows at <paramref name="rows"/>, in that order.</summary>
    public SparseCounts SelectRows(IReadOnlyList<int> rows)
    {
        var start = new long[rows.Count + 1];
        for (int i = 0; i < rows.Count; i++) start[i + 1] = start[i] + RowColumns(rows[i]).Length;
        var cols = new int[start[^1]];
        var values = new float[start[^1]];
        for (int i = 0; i < rows.Count; i++)
        {
            RowColumns(rows[i]).CopyTo(cols.AsSpan((int)start[i]));
            RowValues(rows[i]).CopyTo(values.AsSpan((int)start[i]));
        }
        return new SparseCounts(rows.Count, Columns, start, cols, values);
    }

    /// <summary>The columns at <paramref name="columns"/> as a dense row-major matrix [Rows × columns.Count].</summary>
    public float[] ToDense(IReadOnlyList<int> columns)
    {
        var position = Enumerable.Repeat(-1, Columns).ToArray();
        for (int j = 0; j < columns.Count; j++)
        {
            if ((uint)columns[j] >= (uint)Columns) throw new ArgumentOutOfRangeException(nameof(columns), columns[j], $"column outside 0..{Columns - 1}");
            position[columns[j]] = j;
        }
        int width = columns.Count;
        var dense = new float[(long)Rows * width];
        for (int r = 0; r < Rows; r++)
        {
            var cols = RowColumns(r);
            var vals = RowValues(r);
            for (int k = 0; k < cols.Length; k++)
                if (position[cols[k]] is int j and >= 0) dense[(long)r * width + j] = vals[k];
        }
        return dense;
    }

    /// <summary>
    /// Builds a CSR matrix from (row, column, value) entries in any order; entries at the same
    /// position are summed (as scipy does), explicit zeros dropped.
    /// </summary>
    public static SparseCounts FromTriplets(int rows, int columns, ReadOnlySpan<int> row, ReadOnlySpan<int> column, ReadOnlySpan<float> value)
    {
        var start = new long[rows + 1];
        foreach (int r in row) start[r + 1]++;
        for (int r = 0; r < rows; r++) start[r + 1] += start[r];
        var next = start[..^1].ToArray();
        var cols = new int[row.Length];
        var vals = new float[row.Length];
        for (int k = 0; k < row.Length; k++)
        {
            long at = next[row[k]]++;
            cols[at] = column[k];
            vals[at] = value[k];
        }
        // sort each row by column, merge duplicates, drop zeros (compacting in place)
        var outStart = new long[rows + 1];
        long write = 0;
        for (int r = 0; r < rows; r++)
        {
            int s = (int)start[r], n = (int)(start[r + 1] - start[r]);
            Array.Sort(cols, vals, s, n);
            for (int k = s; k < s + n; k++)
            {
                if (write > outStart[r] && cols[write - 1] == cols[k]) vals[write - 1] += vals[k];
                else { cols[write] = cols[k]; vals[write] = vals[k]; write++; }
            }
            long kept = outStart[r];
            for (long k = outStart[r]; k < write; k++)
                if (vals[k] != 0) { cols[kept] = cols[k]; vals[kept] = vals[k]; kept++; }
            write = kept;
            outStart[r + 1] = write;
        }
        return write == cols.Length
            ? new SparseCounts(rows, columns, outStart, cols, vals)
            : new SparseCounts(rows, columns, outStart, cols[..(int)write], vals[..(int)write]);
    }
}
