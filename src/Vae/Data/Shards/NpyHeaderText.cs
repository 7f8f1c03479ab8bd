using System.Globalization;

namespace Vae.Data.Shards;

/// <summary>
/// The Python dict literal of an NPY header, e.g. <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }</c>:
/// string keys; values are strings, True/False, or tuples of non-negative integers (a list, as a
/// structured dtype's descr is, comes back as a non-string object). Anything else is a clear error.
/// </summary>
static class NpyHeaderText
{
    /// <summary>What a list value (a structured dtype's field list) parses to.</summary>
    public static readonly object List = new();

    public static Dictionary<string, object> Parse(string text, string name)
    {
        int i = 0;
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        Expect(text, ref i, '{', name);
        while (true)
        {
            Skip(text, ref i);
            if (i < text.Length && text[i] == '}') break;
            string key = ReadString(text, ref i, name);
            Expect(text, ref i, ':', name);
            result[key] = ReadValue(text, ref i, name);
            Skip(text, ref i);
            if (i < text.Length && text[i] == ',') { i++; continue; }
            Expect(text, ref i, '}', name);
            break;
        }
        return result;
    }

    static object ReadValue(string text, ref int i, string name)
    {
        Skip(text, ref i);
        if (i >= text.Length) throw Malformed(name, "it ends inside the dict");
        char c = text[i];
        if (c is '\'' or '"') return ReadString(text, ref i, name);
        if (c == '(') return ReadTuple(text, ref i, name);
        if (c == '[') { SkipBracketed(text, ref i, name); return List; }
        foreach (var (word, value) in new[] { ("True", true), ("False", false) })
            if (string.CompareOrdinal(text, i, word, 0, word.Length) == 0) { i += word.Length; return value; }
        throw Malformed(name, $"unexpected '{c}' at character {i}");
    }

    static long[] ReadTuple(string text, ref int i, string name)
    {
        i++;
        var dims = new List<long>();
        while (true)
        {
            Skip(text, ref i);
            if (i < text.Length && text[i] == ')') { i++; return dims.ToArray(); }
            int start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (!long.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out long d))
                throw new VaeException($"{name}: bad NPY shape (expected non-negative integers at character {start}).");
            if (i < text.Length && text[i] == 'L') i++;
            dims.Add(d);
            if (dims.Count > 32) throw new VaeException($"{name}: the NPY shape has more than 32 dimensions.");
            Skip(text, ref i);
            if (i < text.Length && text[i] == ',') i++;
            else if (i >= text.Length || text[i] != ')') throw Malformed(name, "the shape tuple is not closed");
        }
    }

    static void SkipBracketed(string text, ref int i, string name)
    {
        int depth = 0;
        for (; i < text.Length; i++)
        {
            if (text[i] is '[' or '(') depth++;
            else if (text[i] is ']' or ')' && --depth == 0) { i++; return; }
        }
        throw Malformed(name, "a list is not closed");
    }

    static string ReadString(string text, ref int i, string name)
    {
        Skip(text, ref i);
        if (i >= text.Length || text[i] is not ('\'' or '"')) throw Malformed(name, $"expected a quoted key at character {i}");
        char quote = text[i];
        int end = text.IndexOf(quote, i + 1);
        if (end < 0) throw Malformed(name, "a string is not closed");
        string s = text[(i + 1)..end];
        i = end + 1;
        return s;
    }

    static void Expect(string text, ref int i, char c, string name)
    {
        Skip(text, ref i);
        if (i >= text.Length || text[i] != c) throw Malformed(name, $"expected '{c}' at character {i}");
        i++;
    }

    static void Skip(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
    }

    static VaeException Malformed(string name, string what) => new($"{name}: malformed NPY header ({what}).");
}
