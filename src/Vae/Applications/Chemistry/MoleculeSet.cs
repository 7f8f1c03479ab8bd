namespace Vae.Applications.Chemistry;

/// <summary>
/// Molecules read from a file: their SMILES, optional identifiers and numeric property columns
/// (row-major N×P, NaN where a cell is empty).
/// </summary>
public sealed record MoleculeSet(
    string Name, IReadOnlyList<string> Smiles, IReadOnlyList<string?> Ids, IReadOnlyList<string> PropertyNames, double[] Properties)
{
    public int Count => Smiles.Count;

    /// <summary>The values of one property column, by name (case-insensitive).</summary>
    public double[] Property(string name)
    {
        int p = PropertyNames.ToList().FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (p < 0) throw new VaeException($"{Name}: no property column '{name}' (columns: {(PropertyNames.Count == 0 ? "none" : string.Join(", ", PropertyNames))}).");
        return Enumerable.Range(0, Count).Select(i => Properties[i * PropertyNames.Count + p]).ToArray();
    }

    public MoleculeSet Subset(IReadOnlyList<int> rows, string? name = null)
    {
        int p = PropertyNames.Count;
        var props = new double[rows.Count * p];
        for (int r = 0; r < rows.Count; r++) Array.Copy(Properties, rows[r] * p, props, r * p, p);
        return new MoleculeSet(name ?? Name, rows.Select(i => Smiles[i]).ToArray(), rows.Select(i => Ids[i]).ToArray(), PropertyNames, props);
    }

    public MoleculeSet Take(int n) => n >= Count ? this : Subset(Enumerable.Range(0, n).ToArray());
}
