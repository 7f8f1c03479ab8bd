namespace Vae.Applications.Disentanglement;

/// <summary>Draws observations for factor rows and passes them through a representation, in bounded chunks.</summary>
public static class CodeSampler
{
    /// <summary>Observations rendered and encoded per call of the representation (bounds memory: 4096 64×64 images are 64 MB).</summary>
    public const int Chunk = 4096;

    /// <summary>The codes of the observations of n rows of factor indices: n × dim, row-major.</summary>
    public static double[] Encode(FactorDataset data, Representation representation, int[] factors, out int dim)
    {
        int k = data.FactorCount, n = factors.Length / k;
        double[]? codes = null;
        dim = 0;
        for (int start = 0; start < n; start += Chunk)
        {
            int m = Math.Min(Chunk, n - start);
            var observations = data.Render(factors[(start * k)..((start + m) * k)]);
            var part = representation(observations, m);
            if (part.Length == 0 || part.Length % m != 0) throw new InvalidOperationException($"the representation returned {part.Length} values for {m} observations.");
            if (codes is null) { dim = part.Length / m; codes = new double[(long)n * dim]; }
            else if (part.Length != m * dim) throw new InvalidOperationException($"the representation returned {part.Length / m} values per observation, earlier {dim}.");
            for (int i = 0; i < part.Length; i++) codes[(long)start * dim + i] = part[i];
        }
        return codes ?? [];
    }

    /// <summary>n uniform draws from the grid and their codes (disentanglement_lib's generate_batch_factor_code).</summary>
    public static CodeSample Sample(FactorDataset data, Representation representation, int n, Random random)
    {
        var factors = data.SampleFactors(n, random);
        var codes = Encode(data, representation, factors, out int dim);
        return new CodeSample(codes, dim, factors, data.FactorCount);
    }
}
