
namespace Vae.Applications.Disentanglement;

/// <summary>
/// The factors themselves as observations: the same factors and grid as <paramref name="source"/>,
/// but each observation is the vector of its factor values, each standardised over that factor's
/// values (mean 0, variance 1 under the uniform draw). With <see cref="Representations.Identity"/> the
/// codes are the true factors (a perfectly disentangled representation); with a rotation they hold
/// the same information, entangled. Lets every metric run on synthetic codes without drawing images.
/// </summary>
public sealed class FactorValues(FactorDataset source) : FactorDataset
{
    readonly (double Mean, double Std)[] moments = source.Factors.Select(Moments).ToArray();

    public FactorDataset Source { get; } = source;
    public override string Name => Source.Name + "-factors";
    public override IReadOnlyList<Factor> Factors => Source.Factors;
    public override DataShape Shape { get; } = DataShape.Vector(source.FactorCount);

    public override void Render(ReadOnlySpan<int> factors, Span<float> observation)
    {
        for (int j = 0; j < FactorCount; j++)
            observation[j] = (float)((Factors[j].Values[factors[j]] - moments[j].Mean) / moments[j].Std);
    }

    static (double, double) Moments(Factor f)
    {
        double mean = f.Values.Average();
        double std = Math.Sqrt(f.Values.Sum(v => (v - mean) * (v - mean)) / f.Count);
        return (mean, std > 0 ? std : 1);
    }
}
