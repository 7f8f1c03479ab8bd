
namespace Vae.Applications.Disentanglement;

/// <summary>
/// A data set with known generative factors (disentanglement_lib's "ground-truth data"): every
/// combination of factor indices is one observation, drawn on demand and deterministically by
/// <see cref="Render(ReadOnlySpan{int}, Span{float})"/>. The full grid has <see cref="Size"/>
/// observations, numbered in row-major order of the factors (the last factor varies fastest,
/// as in the dSprites file). Factor rows are arrays of indices, n × <see cref="FactorCount"/>, row-major.
/// </summary>
public abstract class FactorDataset
{
    /// <summary>The name `--data` and dataset.json use (dsprites, shaded, …).</summary>
    public abstract string Name { get; }

    public abstract IReadOnlyList<Factor> Factors { get; }

    /// <summary>The shape of one observation (channels first, values in [0, 1]).</summary>
    public abstract DataShape Shape { get; }

    /// <summary>Draws the observation of one row of factor indices into <paramref name="observation"/> (length Shape.Size).</summary>
    public abstract void Render(ReadOnlySpan<int> factors, Span<float> observation);

    public int FactorCount => Factors.Count;

    /// <summary>Number of observations in the full grid: the product of the factors' value counts.</summary>
    public long Size => Factors.Aggregate(1L, (p, f) => checked(p * f.Count));

    /// <summary>The observations of n rows of factor indices (n × FactorCount): n × Shape.Size, drawn in parallel.</summary>
    public float[] Render(int[] factors)
    {
        int k = FactorCount, d = Shape.Size;
        if (factors.Length % k != 0) throw new ArgumentException($"{factors.Length} indices are not rows of {k} factors.", nameof(factors));
        int n = factors.Length / k;
        var observations = new float[(long)n * d];
        Parallel.For(0, n, i => Render(factors.AsSpan(i * k, k), observations.AsSpan(i * d, d)));
        return observations;
    }

    /// <summary>n rows of factor indices, each factor drawn uniformly and independently (a uniform draw from the grid).</summary>
    public int[] SampleFactors(int n, Random random)
    {
        int k = FactorCount;
        var rows = new int[n * k];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++) rows[i * k + j] = random.Next(Factors[j].Count);
        return rows;
    }

    /// <summary>The factor indices of observation <paramref name="index"/> of the full grid.</summary>
    public int[] FactorsAt(long index)
    {
        if (index < 0 || index >= Size) throw new ArgumentOutOfRangeException(nameof(index), index, $"must be in 0 … {Size - 1}.");
        var row = new int[FactorCount];
        for (int j = FactorCount - 1; j >= 0; j--)
        {
            row[j] = (int)(index % Factors[j].Count);
            index /= Factors[j].Count;
        }
        return row;
    }

    /// <summary>The position in the full grid of one row of factor indices (the inverse of <see cref="FactorsAt"/>).</summary>
    public long IndexOf(ReadOnlySpan<int> factors)
    {
        if (factors.Length != FactorCount) throw new ArgumentException($"{factors.Length} indices for {FactorCount} factors.", nameof(factors));
        long index = 0;
        for (int j = 0; j < FactorCount; j++)
        {
            if ((uint)factors[j] >= (uint)Factors[j].Count)
                throw new ArgumentOutOfRangeException(nameof(factors), factors[j], $"{Factors[j].Name}: index must be in 0 … {Factors[j].Count - 1}.");
            index = index * Factors[j].Count + factors[j];
        }
        return index;
    }

    /// <summary>The values (not indices) of n rows of factor indices: n × FactorCount.</summary>
    public double[] Values(int[] factors)
    {
        var values = new double[factors.Length];
        for (int i = 0; i < factors.Length; i++) values[i] = Factors[i % FactorCount].Values[factors[i]];
        return values;
    }
}
