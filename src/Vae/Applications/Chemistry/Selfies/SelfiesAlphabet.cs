namespace Vae.Applications.Chemistry.Selfies;

/// <summary>The symbols the default constraints govern (the reference's <c>get_semantic_robust_alphabet</c>).</summary>
public static class SelfiesAlphabet
{
    /// <summary>
    /// Atom symbols of every listed element and charge with each bond order it can make (<c>[C]</c>,
    /// <c>[=C]</c>, <c>[#C]</c>, <c>[N+1]</c> …), the ring and branch symbols, and the index symbols; sorted ordinally.
    /// </summary>
    public static IReadOnlyList<string> SemanticallyRobust()
    {
        var symbols = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (element, charge, capacity) in BondingCapacity.Listed)
        {
            string atom = Elements.Symbol(element) + (charge == 0 ? "" : charge > 0 ? $"+{charge}" : $"{charge}");
            string[] bonds = ["", "=", "#"];
            for (int order = 1; order <= Math.Min(3, capacity); order++) symbols.Add($"[{bonds[order - 1]}{atom}]");
        }
        for (int length = 1; length <= 3; length++)
            foreach (string s in new[] { "Ring", "=Ring", "Branch", "=Branch", "#Branch" }) symbols.Add($"[{s}{length}]");
        symbols.UnionWith(SelfiesIndex.Alphabet);
        return [.. symbols];
    }
}
