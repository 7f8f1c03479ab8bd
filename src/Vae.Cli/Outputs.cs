using System.Text;

namespace Vae.Cli;

/// <summary>Writes examples as a PNG grid or a CSV table, chosen by the file extension.</summary>
public static class Outputs
{
    public static void WriteExamples(string path, float[] values, DataShape shape, int columns)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".png": ImageGrid.Save(path, values, shape, columns); break;
            case ".csv": WriteCsv(path, values, shape.Size); break;
            default: throw new VaeException($"--out {path}: use a .png or .csv file name.");
        }
    }

    public static void WriteCsv(string path, float[] values, int width, string? header = null)
    {
        var sb = new StringBuilder();
        sb.AppendLine(header ?? string.Join(",", Enumerable.Range(0, width).Select(j => $"x{j}")));
        for (int i = 0; i < values.Length / width; i++)
            sb.AppendLine(string.Join(",", Enumerable.Range(0, width).Select(j => values[i * width + j].ToString("G6", CultureInfo.InvariantCulture))));
        AtomicFile.WriteAllText(path, sb.ToString());
    }
}
