using System.Text.RegularExpressions;

namespace Vae.Applications.Chemistry.Selfies;

/// <summary>What a SELFIES symbol does in the derivation.</summary>
public enum SelfiesSymbolKind { Atom, Branch, Ring, Epsilon, Nop }

/// <summary>
/// One SELFIES symbol, read: an atom with the bond that joins it to the previous atom
/// (<c>[=C]</c>, <c>[NH1+1]</c>, <c>[/C@@H1]</c>), a branch (<c>[=Branch2]</c>: bond order 2, the branch
/// length written in 2 index symbols), a ring closure (<c>[Ring1]</c>, <c>[=Ring3]</c>, or with stereo
/// marks on its two ends, <c>[-/Ring1]</c>), <c>[epsilon]</c> (ends a chain) or <c>[nop]</c> (skipped).
/// </summary>
public sealed record SelfiesSymbol(SelfiesSymbolKind Kind, int Order, int Length = 0, Atom? Atom = null, char Direction = '\0', char RightDirection = '\0')
{
    /// <summary>An atom symbol: [bond][isotope]Element[@|@@][H n][+n|-n] (two-letter elements, no aromatic lowercase).</summary>
    static readonly Regex AtomPattern = new(@"^\[([=#/\\]?)(\d*)([A-Z][a-z]?)(@{0,2})((?:H\d)?)((?:[+-][1-9]+)?)\]$", RegexOptions.CultureInvariant);
    static readonly Regex BranchPattern = new(@"^\[([=#]?)Branch([123])\]$", RegexOptions.CultureInvariant);
    static readonly Regex RingPattern = new(@"^\[(?:([=#]?)|([-/\\])([-/\\]))Ring([123])\]$", RegexOptions.CultureInvariant);

    /// <summary>Symbols written bare in SMILES (no brackets): their hydrogens are implied by the valence rules.</summary>
    internal static readonly HashSet<string> OrganicSubset = ["B", "C", "N", "O", "S", "P", "F", "Cl", "Br", "I"];

    /// <summary>The symbol read, or null when it is not a SELFIES symbol (unknown form, unknown element, more hydrogens than the atom can hold).</summary>
    public static SelfiesSymbol? TryParse(string symbol)
    {
        if (symbol == "[nop]") return new(SelfiesSymbolKind.Nop, 0);
        if (symbol == "[epsilon]") return new(SelfiesSymbolKind.Epsilon, 0);
        if (BranchPattern.Match(symbol) is { Success: true } b)
            return new(SelfiesSymbolKind.Branch, OrderOf(b.Groups[1].Value), b.Groups[2].Value[0] - '0');
        if (RingPattern.Match(symbol) is { Success: true } r)
        {
            int length = r.Groups[4].Value[0] - '0';
            if (!r.Groups[2].Success) return new(SelfiesSymbolKind.Ring, OrderOf(r.Groups[1].Value), length);
            char left = r.Groups[2].Value[0], right = r.Groups[3].Value[0];
            if (left == '-' && right == '-') return null;
            return new(SelfiesSymbolKind.Ring, 1, length, null, left == '-' ? '\0' : left, right == '-' ? '\0' : right);
        }
        var m = AtomPattern.Match(symbol);
        if (!m.Success) return null;
        string bond = m.Groups[1].Value, body = symbol[(1 + bond.Length)..^1];
        int z = Elements.AtomicNumber(m.Groups[3].Value);
        if (z < 1) return null;
        char direction = bond is "/" or "\\" ? bond[0] : '\0';
        Atom atom;
        if (OrganicSubset.Contains(body))
            atom = new Atom { Element = z };
        else
        {
            string h = m.Groups[5].Value, charge = m.Groups[6].Value;
            if (!int.TryParse(m.Groups[2].Value.Length == 0 ? "0" : m.Groups[2].Value, out int isotope)) return null;
            if (!int.TryParse(charge.Length == 0 ? "0" : charge[1..], out int c)) return null;
            atom = new Atom
            {
                Element = z, Bracket = true, Isotope = isotope, Chirality = m.Groups[4].Value,
                BracketHydrogens = h.Length == 0 ? 0 : h[1] - '0', Charge = charge.StartsWith('-') ? -c : c,
            };
        }
        if (BondingCapacity.Of(atom) < 0) return null;
        return new(SelfiesSymbolKind.Atom, OrderOf(bond), 0, atom, direction);
    }

    static int OrderOf(string bond) => bond switch { "=" => 2, "#" => 3, _ => 1 };

    /// <summary>The SELFIES symbols of a string, in order, with '.' kept as a symbol of its own; text outside brackets is refused.</summary>
    public static List<string> Split(string selfies)
    {
        var symbols = new List<string>();
        int i = 0;
        while (i < selfies.Length)
        {
            if (selfies[i] == '.') { symbols.Add("."); i++; continue; }
            if (selfies[i] != '[') throw new SelfiesException($"'{selfies[i]}' at character {i + 1} is outside a [symbol]");
            int close = selfies.IndexOf(']', i + 1);
            if (close < 0) throw new SelfiesException($"'[' at character {i + 1} is never closed");
            symbols.Add(selfies[i..(close + 1)]);
            i = close + 1;
        }
        return symbols;
    }
}
