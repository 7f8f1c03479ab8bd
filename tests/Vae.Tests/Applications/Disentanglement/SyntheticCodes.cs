using Vae.Applications.Disentanglement;

namespace Vae.Tests.Applications.Disentanglement;

/// <summary>A grid of factors with the given numbers of values and no images: the metrics see it through <see cref="FactorValues"/>.</summary>
public sealed class FactorGrid(params int[] sizes) : FactorDataset
{
    readonly Factor[] factors = sizes.Select((n, i) => Factor.Linear($"f{i}", 0, 1, n)).ToArray();
    public override string Name => "grid";
    public override IReadOnlyList<Factor> Factors => factors;
    public override DataShape Shape { get; } = DataShape.Vector(1);
    public override void Render(ReadOnlySpan<int> factors, Span<float> observation) => observation[0] = 0;
}

/// <summary>Representations of standardised factors with a known answer.</summary>
public static class SyntheticCodes
{
    public static FactorValues Grid(params int[] sizes) => new(new FactorGrid(sizes));

    public static Representation Identity(int k) => Representations.Linear(Matrix(k, k, (i, j) => i == j ? 1 : 0));

    /// <summary>z = (v₁ + v₂, v₁ − v₂)/√2: both codes carry both factors equally.</summary>
    public static Representation Rotation45 => Representations.Linear(new[,] { { Math.Sqrt(0.5), Math.Sqrt(0.5) }, { Math.Sqrt(0.5), -Math.Sqrt(0.5) } });

    /// <summary>z = (v₁, v₂, v₁): the first factor is coded twice.</summary>
    public static Representation Duplicated => Representations.Linear(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 0 } });

    /// <summary>z = (v₁, v₂, 0): a third code that never changes.</summary>
    public static Representation Constant => Representations.Linear(new double[,] { { 1, 0 }, { 0, 1 }, { 0, 0 } });

    public static double[,] Matrix(int rows, int cols, Func<int, int, double> entry)
    {
        var m = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) m[i, j] = entry(i, j);
        return m;
    }

    /// <summary>Small samples so every metric runs in well under a second.</summary>
    public static MetricOptions Quick => new() { VoteTrain = 1000, VoteEval = 500, VarianceSamples = 2000, Train = 3000, Test = 1500, Trees = 30, BatchSize = 64 };
}
