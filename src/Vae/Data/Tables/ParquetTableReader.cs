using Parquet;
using Parquet.Schema;

namespace Vae.Data.Tables;

/// <summary>
/// Reads a table from an Apache Parquet file (Parquet.Net): every row group, every codec Parquet.Net
/// decodes (snappy, gzip, zstd, brotli, lz4), numeric columns of any width (int8…int64, uint8…uint64,
/// float, double, decimal, boolean) as features, and a numeric or text (dictionary-encoded or plain)
/// label column. Nulls, nested columns and non-numeric features are errors naming the column (and row).
/// Parquet.Net's own exceptions on damaged files become one-line errors naming the row group and column.
/// </summary>
public static class ParquetTableReader
{
    public static Dataset Read(string path, string? labelColumn) => TableBuilder.Build(path, ReadColumns(path), labelColumn);

    public static IReadOnlyList<TableColumn> ReadColumns(string path)
    {
        if (!File.Exists(path)) throw new VaeException($"{path}: file not found.");
        string where = "the footer";
        try
        {
            return ReadAsync(path, w => where = w).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not VaeException and not OutOfMemoryException)
        {
            throw new VaeException($"{path}: {where}: not readable as Parquet ({e.GetType().Name}: {e.Message.Split('\n')[0].TrimEnd('.')}).", e);
        }
    }

    static async ValueTask<IReadOnlyList<TableColumn>> ReadAsync(string path, Action<string> at)
    {
        await using var stream = File.OpenRead(path);
        long fileBytes = stream.Length;
        ThriftCompactCheck.CheckParquetFooter(stream, path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.Fields;
        foreach (var f in fields)
            if (f is not DataField d || d.IsArray || d.MaxRepetitionLevel > 0)
                throw new VaeException($"{path}: column '{f.Name}' is a nested type ({f.SchemaType}); only flat columns of numbers or text can be read.");
        var data = fields.Cast<DataField>().ToArray();
        long rows = 0;
        for (int g = 0; g < reader.RowGroupCount; g++) rows += reader.RowGroups[g].RowCount;
        // A row count is only believed when the file could hold it: run-length encoding packs many rows
        // into few bytes, but not unboundedly (this also keeps a damaged footer from allocating gigabytes).
        long limit = Math.Max(1L << 24, fileBytes * 512);
        if (rows < 0 || rows * Math.Max(1, data.Length) > Math.Min(limit, Array.MaxLength))
            throw new VaeException($"{path}: the footer claims {rows} rows of {data.Length} columns, more than a {fileBytes}-byte file can hold or one array in memory can take.");
        var columns = data.Select(f => new ColumnBuffer(f, (int)rows)).ToArray();
        long row = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = (int)group.RowCount;
            foreach (var c in columns)
            {
                at($"row group {g}, column '{c.Field.Name}'");
                await c.ReadAsync(group, n, row, path);
            }
            row += n;
        }
        return columns.Select(c => c.ToColumn()).ToArray();
    }
}
