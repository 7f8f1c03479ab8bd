using System.Net;
using System.Text;
using Vae.IO;

namespace Vae.Reporting;

/// <summary>A single self-contained HTML page: headings, paragraphs, tables and PNGs embedded as data URIs.</summary>
public sealed class HtmlReport(string title)
{
    private readonly StringBuilder body = new();

    public HtmlReport Heading(string text) { body.Append("<h2>").Append(Enc(text)).Append("</h2>\n"); return this; }

    public HtmlReport Paragraph(string text) { body.Append("<p>").Append(Enc(text)).Append("</p>\n"); return this; }

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

    public HtmlReport Image(string pngPath, string caption)
    {
        if (!File.Exists(pngPath)) return this;
        body.Append("<figure><img src=\"data:image/png;base64,").Append(Convert.ToBase64String(File.ReadAllBytes(pngPath)))
            .Append("\" alt=\"").Append(Enc(caption)).Append("\"><figcaption>").Append(Enc(caption)).Append("</figcaption></figure>\n");
        return this;
    }

    public void Save(string path) => AtomicFile.WriteAllText(path, Render());

    public string Render() =>
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + Enc(title) + "</title><style>"
        + "body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}table{border-collapse:collapse}"
        + "td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}th{background:#f4f4f4}img{max-width:100%}"
        + "figure{margin:1em 0}figcaption{color:#555;font-size:90%}</style></head><body>\n<h1>" + Enc(title) + "</h1>\n"
        + body + "</body></html>\n";

    static string Enc(string s) => WebUtility.HtmlEncode(s);
}
