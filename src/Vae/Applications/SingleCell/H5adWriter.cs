using PureHDF;
using Vae.IO;

namespace Vae.Applications.SingleCell;

/// <summary>
/// What an AnnData file written by <see cref="H5adWriter"/> holds: X (CSR, cells × genes), the obs and var
/// names, categorical obs columns, string var columns, dense per-cell matrices (obsm) and dense layers
/// (each cells × genes, row-major), and string entries under <c>uns[UnsGroup]</c>.
/// </summary>
public sealed record H5adContent(SparseCounts X, IReadOnlyList<string> ObsNames, IReadOnlyList<string> VarNames)
{
    public IReadOnlyList<(string Name, string?[] Values)> ObsCategoricals { get; init; } = [];
    public IReadOnlyList<(string Name, string[] Values)> VarStrings { get; init; } = [];
    public IReadOnlyList<(string Name, float[] Values, int Width)> Obsm { get; init; } = [];
    public IReadOnlyList<(string Name, float[] Values)> Layers { get; init; } = [];
    public string UnsGroup { get; init; } = "vae";
    public IReadOnlyList<(string Name, string Value)> Uns { get; init; } = [];
}

/// <summary>
/// Writes AnnData files (.h5ad) with PureHDF in anndata's on-disk encoding (encoding-type and
/// encoding-version attributes on every element: anndata 0.1.0, dataframe 0.2.0, csr_matrix 0.1.0,
/// categorical 0.2.0, string-array 0.2.0, array 0.2.0, dict 0.1.0, string 0.2.0), atomically (a temporary
/// sibling, then a rename). anndata ≥ 0.8 and scanpy open them (docs/results/h5ad.md).
/// </summary>
public static class H5adWriter
{
    public static void Write(string path, H5adContent content)
    {
        int n = content.X.Rows, g = content.X.Columns;
        if (content.ObsNames.Count != n || content.VarNames.Count != g)
            throw new ArgumentException($"{content.ObsNames.Count} obs and {content.VarNames.Count} var names for a {n} × {g} X.");
        var file = new H5File
        {
            ["X"] = Csr(content.X),
            ["obs"] = Frame(content.ObsNames, content.ObsCategoricals.Select(c => (c.Name, Categorical(c.Values, n))).ToList()),
            ["var"] = Frame(content.VarNames, content.VarStrings.Select(c => (c.Name, (object)StringArray(Check(c.Values, g, c.Name)))).ToList()),
            ["obsm"] = Dict(content.Obsm.Select(m => (m.Name, (object)Array2D(m.Values, n, m.Width, m.Name)))),
            ["layers"] = Dict(content.Layers.Select(l => (l.Name, (object)Array2D(l.Values, n, g, l.Name)))),
            ["uns"] = Dict(content.Uns.Count == 0 ? [] : [(content.UnsGroup, (object)Dict(content.Uns.Select(u => (u.Name, (object)Scalar(u.Value)))))]),
            ["varm"] = Dict([]),
            ["obsp"] = Dict([]),
            ["varp"] = Dict([]),
        };
        Encode(file, "anndata", "0.1.0");
        AtomicFile.Write(path, stream => file.Write(stream));
    }

    static T Encode<T>(T element, string type, string version) where T : H5Object
    {
        element.Attributes["encoding-type"] = type;
        element.Attributes["encoding-version"] = version;
        return element;
    }

    static H5Group Csr(SparseCounts x)
    {
        var group = new H5Group
        {
            ["data"] = x.Values,
            ["indices"] = x.ColumnIndex,
            ["indptr"] = x.RowStart,
        };
        group.Attributes["shape"] = new long[] { x.Rows, x.Columns };
        return Encode(group, "csr_matrix", "0.1.0");
    }

    static H5Group Frame(IReadOnlyList<string> index, IReadOnlyList<(string Name, object Column)> columns)
    {
        var group = new H5Group { ["_index"] = StringArray(index.ToArray()) };
        foreach (var (name, column) in columns) group[name] = column;
        group.Attributes["_index"] = "_index";
        // anndata reads column-order as an array; with no columns it must still be one (of zero strings)
        group.Attributes["column-order"] = columns.Count == 0 ? new H5Attribute(Array.Empty<string>(), dimensions: [0]) : columns.Select(c => c.Name).ToArray();
        return Encode(group, "dataframe", "0.2.0");
    }

    static H5Dataset StringArray(string[] values) => Encode(new H5Dataset(values), "string-array", "0.2.0");

    static H5Dataset Scalar(string value) => Encode(new H5Dataset(value), "string", "0.2.0");

    static H5Dataset Array2D(float[] values, int rows, int columns, string name)
    {
        if (values.LongLength != (long)rows * columns) throw new ArgumentException($"{name}: {values.LongLength} values are not {rows} × {columns}.");
        return Encode(new H5Dataset(values, fileDims: [(ulong)rows, (ulong)columns]), "array", "0.2.0");
    }

    static string[] Check(string[] values, int n, string name) =>
        values.Length == n ? values : throw new ArgumentException($"{name}: {values.Length} values for {n} rows.");

    /// <summary>A categorical column: sorted distinct values as categories, codes (−1 for a missing value).</summary>
    static object Categorical(string?[] values, int n)
    {
        if (values.Length != n) throw new ArgumentException($"{values.Length} values for {n} cells.");
        var categories = values.OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();
        var code = categories.Select((c, i) => (c, i)).ToDictionary(t => t.c, t => t.i, StringComparer.Ordinal);
        object codes = categories.Length < 128
            ? values.Select(v => v is null ? (sbyte)-1 : (sbyte)code[v]).ToArray()
            : values.Select(v => v is null ? -1 : code[v]).ToArray();
        var group = new H5Group
        {
            ["categories"] = StringArray(categories),
            ["codes"] = Encode(new H5Dataset(codes), "array", "0.2.0"),
        };
        group.Attributes["ordered"] = H5Bool.FALSE;
        return Encode(group, "categorical", "0.2.0");
    }

    /// <summary>h5py's boolean: an HDF5 enumeration of 8-bit integers with the members FALSE = 0 and TRUE = 1 (numpy and pandas read it as bool).</summary>
#pragma warning disable CA1707 // the member names are h5py's
    enum H5Bool : byte { FALSE = 0, TRUE = 1 }
#pragma warning restore CA1707

    static H5Group Dict(IEnumerable<(string Name, object Value)> entries)
    {
        var group = new H5Group();
        foreach (var (name, value) in entries) group[name] = value;
        return Encode(group, "dict", "0.1.0");
    }
}
