namespace Vae.Reporting;

/// <summary>Inputs and their reconstructions laid out for an <see cref="ImageGrid"/>.</summary>
public static class ReconstructionGrid
{
    /// <summary>Rows of up to <paramref name="columns"/> inputs, each followed by the row of their reconstructions (short rows padded with blank images).</summary>
    public static float[] Interleave(float[] inputs, float[] recon, int d, int columns)
    {
        int n = inputs.Length / d;
        columns = Math.Min(columns, n);
        var result = new List<float>();
        for (int start = 0; start < n; start += columns)
        {
            int m = Math.Min(columns, n - start);
            result.AddRange(inputs.AsSpan(start * d, m * d).ToArray());
            result.AddRange(new float[(columns - m) * d]);
            result.AddRange(recon.AsSpan(start * d, m * d).ToArray());
            result.AddRange(new float[(columns - m) * d]);
        }
        return result.ToArray();
    }
}
