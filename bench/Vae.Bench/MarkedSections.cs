namespace Vae.Bench;

/// <summary>
/// A section of a results page that one benchmark owns between two HTML comments (e.g. <c>bench/run images</c> in
/// performance.md): it replaces its own section and keeps the others when another benchmark rewrites the page.
/// </summary>
public static class MarkedSections
{
    /// <summary><paramref name="document"/> with the section between <paramref name="begin"/> and <paramref name="end"/> replaced by <paramref name="section"/> (appended when absent).</summary>
    public static string Splice(string document, string section, string begin, string end)
    {
        int b = document.IndexOf(begin, StringComparison.Ordinal), e = document.IndexOf(end, StringComparison.Ordinal);
        return b >= 0 && e > b ? document[..b] + section.TrimEnd('\n') + document[(e + end.Length)..] : document.TrimEnd('\n') + "\n\n" + section;
    }

    /// <summary>The marked section of <paramref name="document"/>, with its markers, or null.</summary>
    public static string? Find(string document, string begin, string end)
    {
        int b = document.IndexOf(begin, StringComparison.Ordinal), e = document.IndexOf(end, StringComparison.Ordinal);
        return b >= 0 && e > b ? document[b..(e + end.Length)] : null;
    }

    /// <summary>Writes <paramref name="section"/> into the page <paramref name="path"/> (created with a title when missing).</summary>
    public static void Write(string path, string section, string begin, string end) =>
        File.WriteAllText(path, Splice(File.Exists(path) ? File.ReadAllText(path) : "# Performance\n", section, begin, end));
}
