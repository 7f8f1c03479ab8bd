namespace Vae.Applications.Chemistry;

/// <summary>
/// Splits a SMILES string into the tokens a sequence model sees: bracket atoms (<c>[nH]</c>,
/// <c>[C@@H]</c>, <c>[O-]</c>) and two-letter organic atoms (<c>Cl</c>, <c>Br</c>) stay whole, and so
/// do ring-closure labels (<c>1</c>–<c>9</c>, <c>%10</c>, <c>%(123)</c>); everything else is one character.
/// The split never loses text: the tokens joined give the input back, for any input, so a string
/// that is not SMILES still tokenizes (its odd characters become tokens the parser rejects).
/// </summary>
public static class SmilesTokenizer
{
    public static List<string> Tokenize(string smiles)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < smiles.Length)
        {
            int length = TokenLength(smiles, i);
            tokens.Add(smiles.Substring(i, length));
            i += length;
        }
        return tokens;
    }

    static int TokenLength(string s, int i)
    {
        char c = s[i];
        if (c == '[')
        {
            int close = s.IndexOf(']', i + 1);
            int nextOpen = s.IndexOf('[', i + 1);
            return close < 0 || (nextOpen >= 0 && nextOpen < close) ? 1 : close - i + 1;
        }
        if ((c == 'C' && At(s, i + 1) == 'l') || (c == 'B' && At(s, i + 1) == 'r')) return 2;
        if (c == '%')
        {
            if (char.IsAsciiDigit(At(s, i + 1)) && char.IsAsciiDigit(At(s, i + 2))) return 3;
            if (At(s, i + 1) == '(')
            {
                int j = i + 2;
                while (char.IsAsciiDigit(At(s, j))) j++;
                if (j > i + 2 && At(s, j) == ')') return j - i + 1;
            }
        }
        return 1;
    }

    static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    /// <summary>Whether a token is a ring-closure label, and its number.</summary>
    public static bool IsRingLabel(string token, out int label)
    {
        label = -1;
        if (token.Length == 1 && char.IsAsciiDigit(token[0])) { label = token[0] - '0'; return true; }
        if (token.Length == 3 && token[0] == '%' && char.IsAsciiDigit(token[1]) && char.IsAsciiDigit(token[2]))
        {
            label = int.Parse(token.AsSpan(1));
            return true;
        }
        if (token.Length > 3 && token.StartsWith("%(", StringComparison.Ordinal) && token[^1] == ')')
            return int.TryParse(token.AsSpan(2, token.Length - 3), out label);
        return false;
    }
}
