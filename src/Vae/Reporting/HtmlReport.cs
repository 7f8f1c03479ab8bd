using System.Net;
using System.Text;
using Vae.IO;

namespace Vae.Reporting;

/// <summary>
/// A single self-contained HTML page: headings, paragraphs, tables, preformatted text and PNGs embedded
/// as data URIs; the style sheet is inline, and there is no script, font or any other file to fetch.
/// Every text given is HTML-encoded.
/// </summary>
public sealed class HtmlReport(string title)
{
    private readonly StringBuilder body = new();
    private readonly List<(string Id, string Text)> contents = [];

    /// <summary>A section heading, listed in the contents at the top of the page.</summary>
    public HtmlReport Heading(string text)
    {
        string id = "s" + (contents.Count + 1);
        contents.Add((id, text));
        body.Append("<h2 id=\"").Append(id).Append("\">").Append(Enc(text)).Append("</h2>\n");
        return this;
    }

    public HtmlReport Subheading(string text) { body.Append("<h3>").Append(Enc(text)).Append("</h3>\n"); return this; }

    public HtmlReport Paragraph(string text) { body.Append("<p>").Append(Enc(text)).Append("</p>\n"); return this; }

    /// <summary>A note in smaller type: what a section computed and with what budget.</summary>
    public HtmlReport Note(string text) { body.Append("<p class=\"note\">").Append(Enc(text)).Append("</p>\n"); return this; }

    /// <summary>A warning in a box (a section that could not be drawn says why).</summary>
    public HtmlReport Warning(string text) { body.Append("<p class=\"warn\">").Append(Enc(text)).Append("</p>\n"); return this; }

    public HtmlReport Bullets(IEnumerable<string> items)
    {
        body.Append("<ul>");
        foreach (var item in items) body.Append("<li>").Append(Enc(item)).Append("</li>");
        body.Append("</ul>\n");
        return this;
    }

    /// <summary>What <paramref name="content"/> writes, folded under a one-line summary the reader opens (HTML's details element: no script).</summary>
    public HtmlReport Folded(string summary, Action<HtmlReport> content)
    {
        body.Append("<details><summary>").Append(Enc(summary)).Append("</summary>\n");
        content(this);
        body.Append("</details>\n");
        return this;
    }

    public HtmlReport Preformatted(string text) { body.Append("<pre>").Append(Enc(text)).Append("</pre>\n"); return this; }

    public HtmlReport Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        body.Append("<table><tr>");
        foreach (var h in header) body.Append("<th>").Append(Enc(h)).Append("</th>");
        body.Append("</tr>\n");
        foreach (var row in rows)
        {
            body.Append("<tr>");
            foreach (var c in row) body.Append("<td>").Append(Enc(c)).Append("</td>");
            body.Append("</tr>\n");
        }
        body.Append("</table>\n");
        return this;
    }

    /// <summary>A table of names and values, without a header row.</summary>
    public HtmlReport Facts(IEnumerable<IReadOnlyList<string>> rows)
    {
        body.Append("<table>");
        foreach (var row in rows)
        {
            body.Append("<tr>");
            foreach (var c in row) body.Append("<td>").Append(Enc(c)).Append("</td>");
            body.Append("</tr>\n");
        }
        body.Append("</table>\n");
        return this;
    }

    /// <summary>A PNG file, embedded (nothing when the file does not exist).</summary>
    public HtmlReport Image(string pngPath, string caption)
    {
        if (!File.Exists(pngPath)) return this;
        return Png(File.ReadAllBytes(pngPath), caption);
    }

    /// <summary>PNG bytes, embedded as a data URI, with a caption.</summary>
    public HtmlReport Png(byte[] png, string caption)
    {
        Figure(png, caption);
        return this;
    }

    /// <summary>Several PNGs side by side (wrapping on a narrow window).</summary>
    public HtmlReport PngRow(IEnumerable<(byte[] Png, string Caption)> images)
    {
        body.Append("<div class=\"row\">");
        foreach (var (png, caption) in images) Figure(png, caption);
        body.Append("</div>\n");
        return this;
    }

    void Figure(byte[] png, string caption)
    {
        body.Append("<figure><img src=\"data:image/png;base64,").Append(Convert.ToBase64String(png))
            .Append("\" alt=\"").Append(Enc(caption)).Append("\"><figcaption>").Append(Enc(caption)).Append("</figcaption></figure>\n");
    }

    public void Save(string path) => AtomicFile.WriteAllText(path, Render());

    public string Render()
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Enc(title)).Append("</title><style>").Append(Style).Append("</style></head><body>\n<h1>").Append(Enc(title)).Append("</h1>\n");
        if (contents.Count > 1)
        {
            page.Append("<nav>");
            foreach (var (id, text) in contents) page.Append("<a href=\"#").Append(id).Append("\">").Append(Enc(text)).Append("</a> ");
            page.Append("</nav>\n");
        }
        return page.Append(body).Append("</body></html>\n").ToString();
    }

    const string Style =
        "body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222;line-height:1.4}"
        + "h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}nav{font-size:90%;margin:.5em 0 1em}nav a{margin-right:.8em;color:#2a5db0}"
        + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}th{background:#f4f4f4}"
        + "td:first-child{text-align:left}img{max-width:100%;image-rendering:auto}figure{margin:1em 0}figcaption{color:#555;font-size:90%}"
        + ".row{display:flex;flex-wrap:wrap;gap:1em}.row figure{flex:1 1 300px;margin:.5em 0}"
        + ".note{color:#555;font-size:90%}.warn{background:#fff4e0;border:1px solid #e0b060;padding:.5em}"
        + "details{margin:.5em 0}summary{cursor:pointer;color:#2a5db0}"
        + "pre{background:#f7f7f7;border:1px solid #e4e4e4;padding:.6em;overflow:auto;font-size:85%;max-height:28em}";

    static string Enc(string s) => WebUtility.HtmlEncode(s);
}
