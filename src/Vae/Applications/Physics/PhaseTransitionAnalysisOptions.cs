namespace Vae.Applications.Physics;

/// <summary>Settings of the analysis; the defaults are what `vae ising analyse` and the experiment use.</summary>
public sealed record PhaseTransitionAnalysisOptions
{
    /// <summary>Bootstrap replicates for the standard errors of the T_c estimates.</summary>
    public int Bootstrap { get; init => field = value >= 0 ? value : throw new VaeException($"--bootstrap {value}: must be ≥ 0."); } = 200;

    /// <summary>A peak is located by a parabola through the points within this distance (in T) of the largest value.</summary>
    public double PeakHalfWidth { get; init => field = value > 0 ? value : throw new VaeException($"--peak-window {value}: must be > 0."); } = 0.15;

    /// <summary>At most this many training configurations (evenly spaced) are used to fit the PCA.</summary>
    public int PcaRows { get; init => field = value >= 2 ? value : throw new VaeException($"--pca-rows {value}: must be ≥ 2."); } = 4000;

    public int Seed { get; init; } = 1;

    public static PhaseTransitionAnalysisOptions Default { get; } = new();
}
