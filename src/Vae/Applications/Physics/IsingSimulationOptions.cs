namespace Vae.Applications.Physics;

/// <summary>What to simulate: one lattice size over a temperature grid. Invalid values throw, naming the option.</summary>
public sealed record IsingSimulationOptions
{
    /// <summary>Linear size L of the L×L lattice.</summary>
    public int Size { get; init => field = value is >= 2 and <= 4096 ? value : throw new VaeException($"--size {value}: must be between 2 and 4096."); } = 32;

    public IReadOnlyList<double> Temperatures
    {
        get;
        init => field = value is { Count: > 0 and <= 256 } && value.All(t => t > 0 && double.IsFinite(t)) ? value
            : throw new VaeException("--temperatures: give between 1 and 256 positive temperatures.");
    } = [1.5, 2.0, 2.269, 3.0];

    /// <summary>Configurations saved per temperature (train and test together).</summary>
    public int Samples { get; init => field = value >= 1 ? value : throw new VaeException($"--samples {value}: must be ≥ 1."); } = 1000;

    /// <summary>Fraction of each temperature's configurations written to the test (t10k) split.</summary>
    public double TestFraction { get; init => field = value is > 0 and < 1 ? value : throw new VaeException($"--test-fraction {value}: must be in (0, 1)."); } = 0.2;

    public IsingAlgorithm Algorithm { get; init; } = IsingAlgorithm.Wolff;

    /// <summary>Seed of every random draw (each temperature has its own stream, so results do not depend on the grid's order).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Length of the first pilot run, in sweeps; it doubles until it is at least 100 τ_int long.</summary>
    public int PilotSweeps { get; init => field = value >= 100 ? value : throw new VaeException($"--pilot-sweeps {value}: must be ≥ 100."); } = 1000;

    /// <summary>The pilot stops doubling here (and the temperature is flagged as not equilibrated with confidence).</summary>
    public int MaxPilotSweeps { get; init => field = value >= 100 ? value : throw new VaeException($"--max-pilot-sweeps {value}: must be ≥ 100."); } = 256_000;

    /// <summary>Sweeps between saved configurations, in units of τ_int (2 makes successive saved values nearly independent).</summary>
    public double Spacing { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new VaeException($"--spacing {value}: must be > 0."); } = 2.0;

    /// <summary>
    /// Before saving, flip all spins with probability ½. H is symmetric under σ → −σ, so this is a valid
    /// Monte Carlo move; it makes both signs of m equally likely in the ordered phase, where a local
    /// algorithm would otherwise never leave the sign it started with.
    /// </summary>
    public bool RandomGlobalFlip { get; init; } = true;

    public int TestCount => (int)Math.Round(Samples * TestFraction);
    public int TrainCount => Samples - TestCount;

    /// <summary>Parses "1.5,2.0,2.269" or a range "1.0:3.5:0.05" (first:last:step, both ends included).</summary>
    public static double[] ParseTemperatures(string text)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        try
        {
            var parts = text.Split(':', StringSplitOptions.TrimEntries);
            if (parts.Length == 3)
            {
                double first = double.Parse(parts[0], inv), last = double.Parse(parts[1], inv), step = double.Parse(parts[2], inv);
                if (step <= 0 || last < first) throw new VaeException($"--temperatures {text}: a range is first:last:step with first ≤ last and step > 0.");
                int n = (int)Math.Floor((last - first) / step + 1e-9) + 1;
                if (n > 256) throw new VaeException($"--temperatures {text}: {n} temperatures; at most 256.");
                return Enumerable.Range(0, n).Select(i => Math.Round(first + i * step, 10)).ToArray();
            }
            return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(p => double.Parse(p, inv)).ToArray();
        }
        catch (FormatException) { throw new VaeException($"--temperatures {text}: give a comma-separated list (1.5,2.0,3.0) or a range first:last:step (1.0:3.5:0.05)."); }
        catch (OverflowException) { throw new VaeException($"--temperatures {text}: a value is out of range."); }
    }
}
