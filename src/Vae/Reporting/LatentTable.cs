using System.Globalization;
using System.Text;

namespace Vae.Reporting;

/// <summary>The posterior means and standard deviations of examples as a CSV table (`vae encode`, the demo's latents.csv).</summary>
public static class LatentTable
{
    /// <summary>Columns index, mu_1..mu_d, sigma_1..sigma_d and, when there are labels, label; values with 7 significant digits.</summary>
    public static string ToCsv(float[] mean, float[] std, int d, int[]? labels)
    {
        var sb = new StringBuilder("index,");
        sb.Append(string.Join(",", Enumerable.Range(1, d).Select(j => $"mu_{j}"))).Append(',');
        sb.Append(string.Join(",", Enumerable.Range(1, d).Select(j => $"sigma_{j}")));
        sb.AppendLine(labels is null ? "" : ",label");
        var inv = CultureInfo.InvariantCulture;
        for (int i = 0; i < mean.Length / d; i++)
        {
            sb.Append(i.ToString(inv)).Append(',');
            sb.Append(string.Join(",", Enumerable.Range(0, d).Select(j => mean[i * d + j].ToString("G7", inv)))).Append(',');
            sb.Append(string.Join(",", Enumerable.Range(0, d).Select(j => std[i * d + j].ToString("G7", inv))));
            sb.AppendLine(labels is null ? "" : "," + labels[i].ToString(inv));
        }
        return sb.ToString();
    }
}
