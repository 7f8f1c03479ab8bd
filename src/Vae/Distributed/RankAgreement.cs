using System.Text;

namespace Vae.Distributed;

/// <summary>
/// Checks that every rank of a run was started the same way: each rank gives its facts (the code's
/// version, every option, a fingerprint of its data), all ranks gather everyone's, and each compares
/// them with rank 0's. Every rank finds the same first difference and throws the same
/// <see cref="RankMismatchException"/>, which says which rank differs and how.
/// </summary>
public static class RankAgreement
{
    public static void Require(Communicator ranks, IReadOnlyList<(string Name, string Value)> facts, TimeSpan? timeout = null)
    {
        if (!ranks.IsDistributed) return;
        var text = string.Join("\n", facts.Select(f => $"{f.Name}\t{f.Value.Replace('\n', ' ')}"));
        var gathered = ranks.AllGather(Encoding.UTF8.GetBytes(text), "the check that every rank runs the same code, options and data", timeout);
        var first = Parse(gathered[0]);
        for (int r = 1; r < gathered.Length; r++)
            if (Difference(Parse(gathered[r]), first) is { } how)
                throw new RankMismatchException($"rank {r} differs from rank 0: {how}. Every rank must run the same build of vae with the same options and data.");
    }

    private static List<(string Name, string Value)> Parse(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 2)).Select(p => (p[0], p.Length > 1 ? p[1] : "")).ToList();

    /// <summary>The first fact in which <paramref name="theirs"/> differs from rank 0's <paramref name="root"/>, described; null when they agree.</summary>
    public static string? Difference(IReadOnlyList<(string Name, string Value)> theirs, IReadOnlyList<(string Name, string Value)> root)
    {
        var mine = theirs.ToDictionary(f => f.Name, f => f.Value);
        foreach (var (name, value) in root)
        {
            if (!mine.TryGetValue(name, out var other)) return $"it has no {name} (rank 0: {Short(value)})";
            if (other != value) return $"its {name} is {Short(other)} (rank 0: {Short(value)})";
        }
        var extra = theirs.FirstOrDefault(f => root.All(r => r.Name != f.Name));
        return extra.Name is null ? null : $"it has {extra.Name} = {Short(extra.Value)}, which rank 0 does not";
    }

    private static string Short(string value) => value.Length <= 80 ? value : value[..77] + "…";
}
