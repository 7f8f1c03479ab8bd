using System.Text;
using Vae.Applications.SingleCell;

namespace Vae.Cli.Commands.SingleCell;

/// <summary>A <see cref="CountSummary"/> as lines of text.</summary>
public static class SummaryText
{
    public static string Of(CountSummary s)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"  cells × genes        {s.Cells:N0} × {s.Genes:N0}, {s.NonZeros:N0} non-zero entries ({100 * s.ZeroFraction:F1}% zeros)");
        sb.AppendLine($"  counts per cell      min {s.LibraryMin:N0}, 5% {s.LibraryP05:N0}, median {s.LibraryMedian:N0}, 95% {s.LibraryP95:N0}, max {s.LibraryMax:N0} (95%/5% = {s.LibraryP95 / Math.Max(s.LibraryP05, 1e-9):F1})");
        sb.AppendLine($"  genes detected       median {s.GenesDetectedMedian:N0} per cell");
        sb.AppendLine($"  Pearson dispersion   median {s.MedianDispersion:F2} over genes with mean ≥ 0.1 (1 = Poisson)");
        if (s.LabelCounts is { } labels) sb.AppendLine($"  labels               {Groups(labels, s.Cells)}");
        if (s.BatchCounts is { } batches) sb.AppendLine($"  batches              {Groups(batches, s.Cells)}");
        return sb.ToString().TrimEnd('\n');
    }

    static string Groups(IReadOnlyDictionary<string, int> counts, int total) =>
        string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value:N0} ({100.0 * kv.Value / total:F1}%)"));
}
