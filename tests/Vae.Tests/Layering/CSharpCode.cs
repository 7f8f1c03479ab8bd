using System.Text;

namespace Vae.Tests.Layering;

/// <summary>
/// C# source with its comments and the text of its string and character literals blanked (replaced by
/// spaces; line breaks kept, so offsets and line numbers are the source's). The code inside an
/// interpolated string's holes is kept: <c>$"{Models.VaeModel.X}"</c> still references Models.
/// Handles //, /* */, "…" with escapes, @"…", $"…", $@"…", raw """…""" (with $ prefixes) and '…'.
/// </summary>
public static class CSharpCode
{
    public static string Blank(string source)
    {
        var text = new StringBuilder(source);
        int i = 0;
        Code(source, text, ref i, inHole: false);
        return text.ToString();
    }

    // Code until the end, or (in an interpolation hole) until the '}' that closes the hole; i ends on that '}'.
    static void Code(string s, StringBuilder text, ref int i, bool inHole)
    {
        int depth = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '/' && At(s, i + 1) == '/')
            {
                while (i < s.Length && s[i] != '\n') Erase(text, i++);
            }
            else if (c == '/' && At(s, i + 1) == '*')
            {
                int end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? s.Length : end + 2;
                while (i < end) Erase(text, i++);
            }
            else if (c == '\'')
            {
                i++;
                while (i < s.Length && s[i] != '\'' && s[i] != '\n')
                {
                    if (s[i] == '\\') Erase(text, i++);
                    if (i < s.Length) Erase(text, i++);
                }
                i++;
            }
            else if (StringStart(s, i, out int dollars, out bool verbatim, out int quotes, out int prefix))
            {
                i += prefix + quotes;
                if (quotes >= 3) RawString(s, text, ref i, dollars, quotes);
                else QuotedString(s, text, ref i, dollars > 0, verbatim);
            }
            else if (c == '{') { depth++; i++; }
            else if (c == '}')
            {
                if (inHole && depth == 0) return;
                depth--;
                i++;
            }
            else i++;
        }
    }

    // At s[i]: [$…][@]"…, [@][$]"… or [$…]"""…: how many $, whether verbatim, how many opening quotes, how long the prefix is.
    static bool StringStart(string s, int i, out int dollars, out bool verbatim, out int quotes, out int prefix)
    {
        dollars = 0; verbatim = false; quotes = 0;
        int j = i;
        while (j < s.Length && (s[j] == '$' || s[j] == '@'))
        {
            if (s[j] == '$') dollars++; else verbatim = true;
            j++;
        }
        prefix = j - i;
        while (j + quotes < s.Length && s[j + quotes] == '"') quotes++;
        if (quotes == 0) return false;
        if (quotes == 2) quotes = 1;   // "" is an empty string
        return true;
    }

    static void QuotedString(string s, StringBuilder text, ref int i, bool interpolated, bool verbatim)
    {
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '"')
            {
                if (verbatim && At(s, i + 1) == '"') { Erase(text, i); Erase(text, i + 1); i += 2; continue; }
                i++;
                return;
            }
            if (c == '\n' && !verbatim) return;   // unterminated: stop at the line's end
            if (c == '\\' && !verbatim) { Erase(text, i++); if (i < s.Length) Erase(text, i++); continue; }
            if (interpolated && c == '{')
            {
                if (At(s, i + 1) == '{') { Erase(text, i); Erase(text, i + 1); i += 2; continue; }
                i++;
                Code(s, text, ref i, inHole: true);
                i++;   // the hole's '}'
                continue;
            }
            if (interpolated && c == '}' && At(s, i + 1) == '}') { Erase(text, i); Erase(text, i + 1); i += 2; continue; }
            Erase(text, i++);
        }
    }

    // A raw string of `quotes` quotes; with `dollars` $ signs, a hole opens at that many braces in a row.
    static void RawString(string s, StringBuilder text, ref int i, int dollars, int quotes)
    {
        while (i < s.Length)
        {
            if (s[i] == '"' && Run(s, i, '"') >= quotes) { i += quotes; return; }
            if (dollars > 0 && s[i] == '{' && Run(s, i, '{') >= dollars)
            {
                int run = Run(s, i, '{');
                for (int k = 0; k < run - dollars; k++) Erase(text, i++);
                i += dollars;
                Code(s, text, ref i, inHole: true);
                i += Math.Max(1, Math.Min(dollars, Run(s, i, '}')));
                continue;
            }
            Erase(text, i++);
        }
    }

    static int Run(string s, int i, char c)
    {
        int n = 0;
        while (i + n < s.Length && s[i + n] == c) n++;
        return n;
    }

    static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    static void Erase(StringBuilder text, int i)
    {
        if (i < text.Length && text[i] != '\n' && text[i] != '\r') text[i] = ' ';
    }
}
