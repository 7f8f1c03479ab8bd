namespace Vae.Applications.Chemistry;

/// <summary>Reads one bracket atom: <c>[</c> isotope? symbol chirality? hydrogens? charge? class? <c>]</c>.</summary>
static class BracketAtomParser
{
    public static Atom Parse(string token, IReadOnlySet<string> aromaticSymbols)
    {
        string s = token[1..^1];
        int i = 0;
        int isotope = ReadNumber(s, ref i) ?? 0;
        var (element, aromatic) = ReadSymbol(s, ref i, aromaticSymbols, token);
        string chirality = ReadChirality(s, ref i);
        int hydrogens = 0;
        if (i < s.Length && s[i] == 'H')
        {
            i++;
            hydrogens = ReadNumber(s, ref i) ?? 1;
        }
        int charge = ReadCharge(s, ref i);
        int map = 0;
        if (i < s.Length && s[i] == ':')
        {
            i++;
            map = ReadNumber(s, ref i) ?? throw new SmilesException($"bad atom class in {token}");
        }
        if (i != s.Length) throw new SmilesException($"bad bracket atom {token}");
        return new Atom
        {
            Element = element, Aromatic = aromatic, Bracket = true, Isotope = isotope, Chirality = chirality,
            BracketHydrogens = hydrogens, Charge = charge, MapNumber = map,
        };
    }

    static (int Element, bool Aromatic) ReadSymbol(string s, ref int i, IReadOnlySet<string> aromaticSymbols, string token)
    {
        if (i >= s.Length) throw new SmilesException($"no element in {token}");
        if (s[i] == '*') { i++; return (0, false); }
        if (char.IsAsciiLetterLower(s[i]))
        {
            foreach (int length in new[] { 2, 1 })
                if (i + length <= s.Length && aromaticSymbols.Contains(s.Substring(i, length)))
                {
                    string sym = s.Substring(i, length);
                    i += length;
                    return (Elements.AtomicNumber(char.ToUpperInvariant(sym[0]) + sym[1..]), true);
                }
            throw new SmilesException($"unknown aromatic element in {token}");
        }
        if (!char.IsAsciiLetterUpper(s[i])) throw new SmilesException($"no element in {token}");
        if (i + 1 < s.Length && char.IsAsciiLetterLower(s[i + 1]) && Elements.AtomicNumber(s.Substring(i, 2)) is int two and > 0)
        {
            i += 2;
            return (two, false);
        }
        int one = Elements.AtomicNumber(s[i].ToString());
        if (one < 0) throw new SmilesException($"unknown element in {token}");
        i++;
        return (one, false);
    }

    static string ReadChirality(string s, ref int i)
    {
        if (i >= s.Length || s[i] != '@') return "";
        int start = i++;
        if (i < s.Length && s[i] == '@') i++;
        else if (i + 1 < s.Length && s.Substring(i, 2) is "TH" or "AL" or "SP" or "TB" or "OH")
        {
            i += 2;
            if (ReadNumber(s, ref i) is null) throw new SmilesException($"bad chirality in [{s}]");
        }
        return s[start..i];
    }

    static int ReadCharge(string s, ref int i)
    {
        if (i >= s.Length || (s[i] != '+' && s[i] != '-')) return 0;
        char sign = s[i++];
        int value = 1;
        if (ReadNumber(s, ref i) is int n) value = n;
        else while (i < s.Length && s[i] == sign) { value++; i++; }
        if (value > 15) throw new SmilesException($"charge {sign}{value} out of range in [{s}]");
        return sign == '+' ? value : -value;
    }

    static int? ReadNumber(string s, ref int i)
    {
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && i - start < 6) i++;
        return i > start ? int.Parse(s.AsSpan(start, i - start)) : null;
    }
}
