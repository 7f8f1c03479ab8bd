namespace Vae.Applications.Chemistry.Selfies;

/// <summary>
/// Numbers written as SELFIES symbols (branch lengths, ring distances): base-16 digits, most
/// significant first, whose digit values are positions in <see cref="Alphabet"/>; any other symbol reads as 0.
/// </summary>
public static class SelfiesIndex
{
    public static IReadOnlyList<string> Alphabet { get; } =
    [
        "[C]", "[Ring1]", "[Ring2]", "[Branch1]", "[=Branch1]", "[#Branch1]", "[Branch2]", "[=Branch2]",
        "[#Branch2]", "[O]", "[N]", "[=N]", "[=C]", "[#C]", "[S]", "[P]",
    ];

    static readonly Dictionary<string, int> Digit = Alphabet.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);

    /// <summary>The number the symbols spell (a missing symbol, null, reads as 0).</summary>
    public static int Read(IReadOnlyList<string?> symbols)
    {
        int value = 0;
        foreach (var s in symbols) value = value * 16 + (s is not null && Digit.TryGetValue(s, out int d) ? d : 0);
        return value;
    }

    /// <summary>The fewest symbols that spell a non-negative number (one symbol, [C], for 0).</summary>
    public static List<string> Write(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var digits = new List<string>();
        do { digits.Add(Alphabet[value % 16]); value /= 16; } while (value > 0);
        digits.Reverse();
        return digits;
    }
}
