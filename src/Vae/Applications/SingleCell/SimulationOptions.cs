namespace Vae.Applications.SingleCell;

/// <summary>
/// Parameters of <see cref="CountSimulator"/>. The defaults give data that look like droplet
/// (10x) UMI counts: a few thousand counts per cell varying over an order of magnitude, most
/// entries zero, over-dispersed genes, and a visible but partial batch effect.
/// </summary>
public sealed record SimulationOptions
{
    public int Cells { get; init => field = value >= 10 ? value : throw new VaeException($"--cells {value}: must be ≥ 10."); } = 5000;

    public int Genes { get; init => field = value >= 20 ? value : throw new VaeException($"--genes {value}: must be ≥ 20."); } = 2000;

    /// <summary>Cell types; the last one is the rare type, type 1 carries the trajectory.</summary>
    public int Types { get; init => field = value is >= 2 and <= 100 ? value : throw new VaeException($"--types {value}: must be between 2 and 100."); } = 5;

    public int Batches { get; init => field = value is >= 1 and <= 100 ? value : throw new VaeException($"--batches {value}: must be between 1 and 100."); } = 2;

    public int Seed { get; init; }

    /// <summary>Share of cells of the rare type (the last type); the others share the rest equally.</summary>
    public double RareFraction { get; init => field = value is > 0 and < 0.5 ? value : throw new VaeException($"rare fraction {value}: must be in (0, 0.5)."); } = 0.02;

    /// <summary>Median library size ℓ per gene simulated (ℓ has median CountsPerGene × Genes: 3,000 for 2,000 genes), so sparsity does not depend on the number of genes.</summary>
    public double CountsPerGene { get; init => field = value > 0 ? value : throw new VaeException($"counts per gene {value}: must be > 0."); } = 1.5;

    /// <summary>Median library size ℓ (total counts a cell would have without zero inflation).</summary>
    public double LibraryMedian => CountsPerGene * Genes;

    /// <summary>Standard deviation of log ℓ across cells (0.75: the 5%–95% range spans a factor e^(3.29·0.75) ≈ 12).</summary>
    public double LibraryLogSd { get; init => field = value >= 0 ? value : throw new VaeException($"library log-sd {value}: must be ≥ 0."); } = 0.75;

    /// <summary>Standard deviation of each batch's log sequencing depth factor.</summary>
    public double BatchDepthLogSd { get; init; } = 0.25;

    /// <summary>Gamma shape and rate of the genes' baseline expression (Splatter's defaults, Zappia et al. 2017).</summary>
    public double BaseShape { get; init; } = 0.6;

    public double BaseRate { get; init; } = 0.3;

    /// <summary>Share of genes differentially expressed in each type.</summary>
    public double DeFraction { get; init; } = 0.1;

    /// <summary>|log fold change| of a DE gene ~ LogNormal(log DeLogFold, DeLogFoldSd), sign + or − with equal probability.</summary>
    public double DeLogFold { get; init; } = 1.0;

    public double DeLogFoldSd { get; init; } = 0.4;

    /// <summary>Share of genes whose log expression changes linearly along the trajectory (pseudotime 0 → 1) in type 1.</summary>
    public double TrajectoryFraction { get; init; } = 0.05;

    /// <summary>Standard deviation of each gene's log fold change per batch (the batch effect).</summary>
    public double BatchEffectSd { get; init; } = 0.3;

    /// <summary>Median inverse dispersion θ of the genes (variance μ + μ²/θ) and the sd of log θ.</summary>
    public double DispersionMedian { get; init; } = 3.0;

    public double DispersionLogSd { get; init; } = 0.5;

    /// <summary>Mean zero-inflation probability; each gene's π ~ Uniform(0, 2·mean).</summary>
    public double ZeroInflationMean { get; init => field = value is >= 0 and <= 0.5 ? value : throw new VaeException($"zero inflation {value}: must be in [0, 0.5]."); } = 0.1;
}
