using System.Globalization;
using System.Text;

namespace Vae.Experiments;

/// <summary>A small Markdown writer for result pages.</summary>
public sealed class Markdown
{
    private readonly StringBuilder sb = new();

    public Markdown Line(string text = "") { sb.AppendLine(text); return this; }

    public Markdown Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        sb.AppendLine("| " + string.Join(" | ", header) + " |");
        sb.AppendLine("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var r in rows) sb.AppendLine("| " + string.Join(" | ", r.Select(c => c.Replace("|", "\\|"))) + " |");
        sb.AppendLine();
        return this;
    }

    public static string F(double v, int digits = 2) => v.ToString("F" + digits, CultureInfo.InvariantCulture);

    public override string ToString() => sb.ToString();
}
