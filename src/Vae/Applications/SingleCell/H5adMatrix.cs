namespace Vae.Applications.SingleCell;

/// <summary>How an AnnData matrix is stored.</summary>
public enum H5adLayout { Dense, Csr, Csc }

/// <summary>
/// An AnnData matrix (X or layers/NAME), cells × genes: a dense 2-D dataset, or a group with the
/// encoding-type csr_matrix / csc_matrix (or the pre-0.7 h5sparse_format attribute) holding data,
/// indices, indptr and a shape attribute. Values of any integer or float type are read as float.
/// CSR rows are read in ranges (hyperslabs of indptr, indices and data), so a caller can stream the
/// cells without holding the whole matrix.
/// </summary>
public sealed class H5adMatrix
{
    readonly H5adFile file;
    long[]? indptr;

    H5adMatrix(H5adFile file, string path, H5adLayout layout, int rows, int columns)
    {
        this.file = file;
        ObjectPath = path;
        Layout = layout;
        Rows = rows;
        Columns = columns;
    }

    public string ObjectPath { get; }
    public H5adLayout Layout { get; }
    public int Rows { get; }
    public int Columns { get; }

    /// <summary>Opens X (<paramref name="layer"/> null) or layers/<paramref name="layer"/>.</summary>
    public static H5adMatrix Open(H5adFile file, string? layer)
    {
        string path = layer is null ? "X" : $"layers/{layer}";
        if (!file.Exists(path))
        {
            if (layer is null) throw new VaeException($"{file.Path}: no X in this file (an AnnData file keeps its matrix in X; for a layer give --layer NAME).");
            var layers = file.Exists("layers") ? file.Children("layers") : [];
            throw new VaeException($"--layer {layer}: {file.Path} has no such layer (layers: {(layers.Length == 0 ? "none" : string.Join(", ", layers))}).");
        }
        var obj = file.Get(path);
        if (obj is PureHDF.IH5Dataset dense)
        {
            var dims = file.Dimensions(dense, path);
            if (dims.Length != 2) throw file.Error(path, $"has {dims.Length} dimensions; a dense matrix has 2 (cells × genes)");
            return new H5adMatrix(file, path, H5adLayout.Dense, Size(file, path, dims[0], "cells"), Size(file, path, dims[1], "genes"));
        }
        string? encoding = file.StringAttribute(path, "encoding-type") ?? file.StringAttribute(path, "h5sparse_format") switch
        {
            "csr" => "csr_matrix", "csc" => "csc_matrix", var other => other,
        };
        var layout = encoding switch
        {
            "csr_matrix" => H5adLayout.Csr,
            "csc_matrix" => H5adLayout.Csc,
            _ => throw file.Error(path, $"is a group with encoding-type '{encoding ?? "(none)"}'; expected a dense dataset or a csr_matrix / csc_matrix group"),
        };
        var shape = file.IntegersAttribute(path, "shape") ?? file.IntegersAttribute(path, "h5sparse_shape")
            ?? throw file.Error(path, "has no shape attribute (a sparse matrix needs shape = [cells, genes])");
        if (shape.Length != 2) throw file.Error(path, $"has a shape attribute of {shape.Length} values; expected [cells, genes]");
        return new H5adMatrix(file, path, layout, Size(file, path, (ulong)Math.Max(0, shape[0]), "cells"), Size(file, path, (ulong)Math.Max(0, shape[1]), "genes"))
            .Checked(shape);
    }

    static int Size(H5adFile file, string path, ulong n, string what) =>
        n is >= 1 and <= int.MaxValue ? (int)n : throw file.Error(path, $"has {n} {what}; expected 1 to {int.MaxValue:N0}");

    H5adMatrix Checked(long[] shape)
    {
        if (shape[0] < 1 || shape[1] < 1) throw file.Error(ObjectPath, $"has the shape [{shape[0]}, {shape[1]}]");
        long major = Layout == H5adLayout.Csr ? Rows : Columns;
        long n = file.Length(file.Dataset($"{ObjectPath}/indptr", "the sparse matrix's row or column starts"), $"{ObjectPath}/indptr");
        if (n != major + 1) throw file.Error($"{ObjectPath}/indptr", $"has {n:N0} entries; the shape [{Rows}, {Columns}] needs {major + 1:N0}");
        return this;
    }

    /// <summary>Where each row (CSR) or column (CSC) starts in data/indices, checked: starts at 0, never decreases, ends at the number of stored values.</summary>
    long[] Starts()
    {
        if (indptr is not null) return indptr;
        string p = $"{ObjectPath}/indptr";
        var starts = file.Integers(file.Dataset(p, "row or column starts"), p, 0, (Layout == H5adLayout.Csr ? Rows : Columns) + 1L);
        long stored = file.Length(file.Dataset($"{ObjectPath}/data", "the stored values"), $"{ObjectPath}/data");
        long indices = file.Length(file.Dataset($"{ObjectPath}/indices", "the column or row of each value"), $"{ObjectPath}/indices");
        if (indices != stored) throw file.Error($"{ObjectPath}/indices", $"has {indices:N0} entries but data has {stored:N0}");
        if (starts[0] != 0) throw file.Error(p, $"entry 0 is {starts[0]}; it must be 0");
        for (int i = 1; i < starts.Length; i++)
            if (starts[i] < starts[i - 1]) throw file.Error(p, $"entry {i} ({starts[i]:N0}) is smaller than entry {i - 1} ({starts[i - 1]:N0})");
        if (starts[^1] != stored) throw file.Error(p, $"ends at {starts[^1]:N0} but data holds {stored:N0} values");
        return indptr = starts;
    }

    /// <summary>The whole matrix as CSR.</summary>
    public SparseCounts ReadAll() => Layout == H5adLayout.Csc ? ReadCsc() : ReadRows(0, Rows);

    /// <summary>Rows [start, start+count) as CSR (dense and CSR matrices; a CSC matrix is read whole).</summary>
    public SparseCounts ReadRows(int start, int count)
    {
        if (start < 0 || count < 0 || start + (long)count > Rows) throw new ArgumentOutOfRangeException(nameof(start), $"rows {start}..{start + count - 1} of {Rows}");
        if (Layout == H5adLayout.Dense)
        {
            var values = file.Rows(file.Dataset(ObjectPath, "the matrix"), ObjectPath, start, count, Columns);
            return FromDense(values, count);
        }
        if (Layout == H5adLayout.Csc) return ReadCsc().SelectRows(Enumerable.Range(start, count).ToArray());
        var starts = Starts();
        long from = starts[start], to = starts[start + count];
        if (to - from > int.MaxValue) throw file.Error(ObjectPath, $"rows {start:N0}..{start + count - 1:N0} hold {to - from:N0} values, too many to read at once");
        var columns = file.Integers(file.Dataset($"{ObjectPath}/indices", "column indices"), $"{ObjectPath}/indices", from, to - from);
        var data = file.Floats(file.Dataset($"{ObjectPath}/data", "values"), $"{ObjectPath}/data", from, to - from);
        var rowStart = new long[count + 1];
        for (int r = 0; r <= count; r++) rowStart[r] = starts[start + r] - from;
        return Compressed(rowStart, columns, data, count, Columns, from, "column", start);
    }

    SparseCounts ReadCsc()
    {
        var starts = Starts();
        long stored = starts[^1];
        if (stored > int.MaxValue) throw file.Error(ObjectPath, $"holds {stored:N0} values; a CSC matrix this large cannot be read (store it as CSR)");
        var rows = file.Integers(file.Dataset($"{ObjectPath}/indices", "row indices"), $"{ObjectPath}/indices", 0, stored);
        var data = file.Floats(file.Dataset($"{ObjectPath}/data", "values"), $"{ObjectPath}/data", 0, stored);
        var transposed = Compressed(starts, rows, data, Columns, Rows, 0, "row", 0);   // genes × cells
        var rowOf = new int[transposed.NonZeros];
        var colOf = new int[transposed.NonZeros];
        for (int g = 0; g < Columns; g++)
            for (long k = transposed.RowStart[g]; k < transposed.RowStart[g + 1]; k++) { rowOf[k] = g; colOf[k] = transposed.ColumnIndex[k]; }
        return SparseCounts.FromTriplets(Rows, Columns, colOf, rowOf, transposed.Values);
    }

    /// <summary>A compressed matrix (major × minor) from starts, indices and values: indices checked, each line sorted, duplicates summed, zeros dropped.</summary>
    SparseCounts Compressed(long[] starts, long[] indices, float[] values, int major, int minor, long offset, string what, int firstMajor)
    {
        bool sorted = true;
        var index = new int[indices.Length];
        for (int line = 0; line < major; line++)
            for (long k = starts[line]; k < starts[line + 1]; k++)
            {
                long j = indices[k];
                if (j < 0 || j >= minor) throw file.Error($"{ObjectPath}/indices", $"entry {offset + k:N0} is {j}, outside the {minor:N0} {what}s");
                index[k] = (int)j;
                if (k > starts[line] && index[k] <= index[k - 1]) sorted = false;
            }
        if (sorted && !values.Contains(0f))
            return new SparseCounts(major, minor, starts, index, values);
        var lineOf = new int[index.Length];
        for (int line = 0; line < major; line++)
            for (long k = starts[line]; k < starts[line + 1]; k++) lineOf[k] = line;
        return SparseCounts.FromTriplets(major, minor, lineOf, index, values);
    }

    SparseCounts FromDense(float[] values, int count)
    {
        var start = new long[count + 1];
        for (int r = 0; r < count; r++)
        {
            long nz = 0;
            for (int j = 0; j < Columns; j++) if (values[(long)r * Columns + j] != 0) nz++;
            start[r + 1] = start[r] + nz;
        }
        var cols = new int[start[^1]];
        var vals = new float[start[^1]];
        long at = 0;
        for (int r = 0; r < count; r++)
            for (int j = 0; j < Columns; j++)
            {
                float v = values[(long)r * Columns + j];
                if (v != 0) { cols[at] = j; vals[at] = v; at++; }
            }
        return new SparseCounts(count, Columns, start, cols, vals);
    }
}
