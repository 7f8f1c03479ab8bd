namespace Vae.Applications.SingleCell;

/// <summary>Integer codes for categorical values (cell types, batches).</summary>
public static class Categories
{
    /// <summary>Codes 0..K−1 in the order of the sorted distinct values (ordinal), and those values.</summary>
    public static (int[] Codes, string[] Names) Encode(IReadOnlyList<string> values)
    {
        var names = values.Distinct().Order(StringComparer.Ordinal).ToArray();
        var index = names.Select((n, i) => (n, i)).ToDictionary(t => t.n, t => t.i, StringComparer.Ordinal);
        return (values.Select(v => index[v]).ToArray(), names);
    }
}
