using Vae.Nn;

namespace Vae.Models;

/// <summary>
/// A property head: an MLP on z that predicts the data's regression targets, trained jointly with the VAE
/// (Gómez-Bombarelli et al. 2018). <see cref="Targets"/>, <see cref="Mean"/> and <see cref="Scale"/> are
/// fitted to the training data (<see cref="FittedTo"/>) when a model is trained.
/// </summary>
public sealed record PropertyHeadOptions
{
    /// <summary>Hidden widths of the head's MLP.</summary>
    public int[] Hidden
    {
        get;
        init => field = value is not null && value.All(h => h >= 1) ? value
            : throw new ArgumentOutOfRangeException("PropertyHead", value is null ? "null" : string.Join(",", value), "PropertyHead: every layer width must be ≥ 1.");
    } = [];

    public ActivationKind Activation { get; init; } = ActivationKind.Relu;

    /// <summary>Number of targets the head predicts.</summary>
    public int Targets { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Targets), value, "Targets: must be ≥ 0."); }

    /// <summary>Mean and scale of each target on the training set: the head predicts (y − mean) / scale. Null means 0 and 1.</summary>
    public double[]? Mean { get; init; }

    /// <inheritdoc cref="Mean"/>
    public double[]? Scale { get; init; }

    public void Validate()
    {
        if (Targets < 1) throw new VaeException("a property head needs at least one regression target (property_head.targets ≥ 1).");
        if (Mean is { } m && m.Length != Targets || Scale is { } s && (s.Length != Targets || s.Any(v => !(v > 0))))
            throw new VaeException($"property_head.mean and property_head.scale must hold {Targets} values (scales > 0).");
    }

    /// <summary>
    /// The head for the training targets <paramref name="targets"/> [N × P] (row-major, NaN where unknown): P targets,
    /// standardized by the mean and standard deviation of the known values of each (scale 1 when constant).
    /// </summary>
    public PropertyHeadOptions FittedTo(float[]? targets, int p, string source, IReadOnlyList<string>? names)
    {
        if (targets is null || p == 0) throw new VaeException("a property head needs regression targets per example (--property <names>); the data has none.");
        int count = targets.Length / p;
        var mean = new double[p];
        var scale = new double[p];
        for (int j = 0; j < p; j++)
        {
            var known = Enumerable.Range(0, count).Select(i => (double)targets[i * p + j]).Where(double.IsFinite).ToArray();
            if (known.Length == 0) throw new VaeException($"{source}: target {names?[j] ?? j.ToString()} has no known value in the training data.");
            mean[j] = known.Average();
            double sd = Math.Sqrt(known.Sum(v => (v - mean[j]) * (v - mean[j])) / Math.Max(1, known.Length - 1));
            scale[j] = sd > 0 ? sd : 1;
        }
        return this with { Targets = p, Mean = mean, Scale = scale };
    }
}
