using System.Text.Json.Serialization;

namespace Vae.Applications.Physics;

/// <summary>What <see cref="PhaseTransitionAnalysis"/> measured on one lattice size (the `--json` output of `vae ising analyse`).</summary>
public sealed record IsingAnalysisResult
{
    public required int Size { get; init; }
    public required int Latent { get; init; }
    public required int TestCount { get; init; }

    /// <summary>The encoder's symmetry point c: the mean of (μ(x) + μ(x̄))/2, x̄ the spin-flipped configuration.</summary>
    public required double[] SymmetryPoint { get; init; }

    /// <summary>Unit vector u along which the odd part (μ(x) − μ(x̄))/2 varies most, oriented so that the all-up configuration has z &gt; 0.</summary>
    public required double[] LatentDirection { get; init; }

    /// <summary>Share of Σ‖μ‖² along u.</summary>
    public required double DirectionShare { get; init; }

    /// <summary>corr(z, m) and corr(|z|, |m|) over the test configurations (Pearson), z = u·(μ(x) − μ(x̄))/2.</summary>
    public required double CorrelationZM { get; init; }
    public required double CorrelationAbsZAbsM { get; init; }

    /// <summary>The same for the raw coordinate u·(μ(x) − c), before the odd part is taken.</summary>
    public required double CorrelationRawZM { get; init; }
    public required double CorrelationAbsRawZAbsM { get; init; }

    /// <summary>The same for the first principal component p₁ (fitted on the training configurations).</summary>
    public required double CorrelationPcaM { get; init; }
    public required double CorrelationAbsPcaAbsM { get; init; }

    /// <summary>corr(reconstruction error, E): the reconstruction error follows the energy.</summary>
    public required double CorrelationReconstructionEnergy { get; init; }

    /// <summary>RMS(raw(x) + raw(x̄)) / RMS(raw(x)), x̄ the spin-flipped configuration: 0 when the encoder is exactly odd under spin flip.</summary>
    public required double FlipAsymmetry { get; init; }

    /// <summary>Share of the total variance of the configurations on the first principal component.</summary>
    public required double PcaVarianceShare { get; init; }

    public required IReadOnlyList<IsingTemperaturePoint> Points { get; init; }
    public required IReadOnlyList<TcEstimate> Estimates { get; init; }

    /// <summary>Per test configuration: temperature, m, E, z, p₁, reconstruction error per spin (for plots; not in the JSON).</summary>
    [JsonIgnore] public double[] Temperature { get; init; } = [];
    [JsonIgnore] public double[] Magnetization { get; init; } = [];
    [JsonIgnore] public double[] Energy { get; init; } = [];
    [JsonIgnore] public double[] Z { get; init; } = [];
    [JsonIgnore] public double[] RawZ { get; init; } = [];
    [JsonIgnore] public double[] Pca { get; init; } = [];
    [JsonIgnore] public double[] Reconstruction { get; init; } = [];
}
