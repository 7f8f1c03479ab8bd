using Parquet;
using Parquet.Schema;

namespace Vae.Data.Tables;

/// <summary>One Parquet column gathered over the row groups: numbers as float64 or strings; a null is an error naming its row.</summary>
sealed class ColumnBuffer(DataField column, int rows)
{
    readonly DataField data = column;
    readonly double[]? numbers = IsText(column) ? null : new double[rows];
    readonly string[]? texts = IsText(column) ? new string[rows] : null;

    public DataField Field => data;

    public TableColumn ToColumn() => new(data.Name, TypeName(data.ClrType), numbers, texts);

    static bool IsText(DataField f) => f.ClrType == typeof(string) || f.ClrType == typeof(ReadOnlyMemory<char>);

    public async ValueTask ReadAsync(ParquetRowGroupReader group, int n, long firstRow, string path)
    {
        long claimed = group.GetMetadata(data)?.MetaData?.NumValues ?? throw new VaeException($"{path}: column '{data.Name}' is missing from a row group.");
        if (claimed != n) throw new VaeException($"{path}: column '{data.Name}' has {claimed} values in a row group of {n} rows.");
        if (texts is not null) { await ReadTexts(group, n, firstRow, path); return; }
        var t = data.ClrType;
        if (t == typeof(double)) await Read<double>(group, n, firstRow, path, v => v);
        else if (t == typeof(float)) await Read<float>(group, n, firstRow, path, v => v);
        else if (t == typeof(bool)) await Read<bool>(group, n, firstRow, path, v => v ? 1 : 0);
        else if (t == typeof(sbyte)) await Read<sbyte>(group, n, firstRow, path, v => v);
        else if (t == typeof(byte)) await Read<byte>(group, n, firstRow, path, v => v);
        else if (t == typeof(short)) await Read<short>(group, n, firstRow, path, v => v);
        else if (t == typeof(ushort)) await Read<ushort>(group, n, firstRow, path, v => v);
        else if (t == typeof(int)) await Read<int>(group, n, firstRow, path, v => v);
        else if (t == typeof(uint)) await Read<uint>(group, n, firstRow, path, v => v);
        else if (t == typeof(long)) await Read<long>(group, n, firstRow, path, v => v);
        else if (t == typeof(ulong)) await Read<ulong>(group, n, firstRow, path, v => v);
        else if (t == typeof(decimal)) await Read<decimal>(group, n, firstRow, path, v => (double)v);
        else if (t == typeof(Half)) await Read<Half>(group, n, firstRow, path, v => (double)v);
        else throw new VaeException($"{path}: column '{data.Name}' holds {TypeName(t)}, not numbers; features must be numeric (integers, floats, decimals or booleans).");
    }

    async ValueTask Read<T>(ParquetRowGroupReader group, int n, long firstRow, string path, Func<T, double> convert) where T : struct
    {
        var values = new T[n];
        var levels = data.MaxDefinitionLevel > 0 ? new int[n] : null;
        await group.ReadRawAsync<T>(data, values, levels is null ? (Memory<int>?)null : levels.AsMemory(), null);
        int v = 0;
        for (int i = 0; i < n; i++)
        {
            if (levels is not null && levels[i] < data.MaxDefinitionLevel) throw TableColumn.NullError(path, data.Name, firstRow + i);
            numbers![firstRow + i] = convert(values[v++]);
        }
    }

    async ValueTask ReadTexts(ParquetRowGroupReader group, int n, long firstRow, string path)
    {
        var values = new string?[n];
        await group.ReadAsync(data, values.AsMemory());
        for (int i = 0; i < n; i++)
            texts![firstRow + i] = values[i] ?? throw TableColumn.NullError(path, data.Name, firstRow + i);
    }

    static string TypeName(Type t) => t == typeof(string) || t == typeof(ReadOnlyMemory<char>) ? "string" : t == typeof(byte[]) ? "binary" : t.Name.ToLowerInvariant();
}
