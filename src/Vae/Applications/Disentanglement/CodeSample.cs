namespace Vae.Applications.Disentanglement;

/// <summary>
/// Codes and the factors that generated them: <see cref="Count"/> rows of <see cref="Dim"/> code
/// values and <see cref="FactorCount"/> factor indices, row-major. What the metrics that fit a
/// predictor (MIG, DCI, SAP, modularity) are computed from.
/// </summary>
public sealed record CodeSample
{
    public CodeSample(double[] codes, int dim, int[] factors, int factorCount)
    {
        if (dim < 1 || codes.Length % dim != 0) throw new ArgumentException($"{codes.Length} code values are not rows of {dim}.", nameof(codes));
        if (factorCount < 1 || factors.Length != codes.Length / dim * factorCount)
            throw new ArgumentException($"{factors.Length} factor indices for {codes.Length / dim} codes of {factorCount} factors.", nameof(factors));
        Codes = codes;
        Dim = dim;
        Factors = factors;
        FactorCount = factorCount;
    }

    public double[] Codes { get; }
    public int Dim { get; }
    public int[] Factors { get; }
    public int FactorCount { get; }
    public int Count => Codes.Length / Dim;

    /// <summary>Code dimension <paramref name="j"/> of every row.</summary>
    public double[] Code(int j) => Enumerable.Range(0, Count).Select(i => Codes[i * Dim + j]).ToArray();

    /// <summary>The index of factor <paramref name="k"/> of every row.</summary>
    public int[] Factor(int k) => Enumerable.Range(0, Count).Select(i => Factors[i * FactorCount + k]).ToArray();
}
