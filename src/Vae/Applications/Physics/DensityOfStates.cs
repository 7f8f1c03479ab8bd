namespace Vae.Applications.Physics;

/// <summary>
/// The number of states g(E, M) of a small L×L lattice by exact enumeration of all 2^N states, and
/// the canonical averages that follow from it at any temperature. The reference the samplers are tested against.
/// </summary>
public sealed class DensityOfStates
{
    private readonly Dictionary<(int Energy, int Magnetization), long> counts;

    private DensityOfStates(int size, Dictionary<(int, int), long> counts)
    {
        Size = size;
        this.counts = counts;
    }

    public int Size { get; }

    public int Count => Size * Size;

    public IReadOnlyDictionary<(int Energy, int Magnetization), long> Counts => counts;

    /// <summary>Enumerates the 2^(L²) states; L ≤ 5.</summary>
    public static DensityOfStates Enumerate(int size)
    {
        if (size is < 2 or > 5) throw new ArgumentOutOfRangeException(nameof(size), size, "exact enumeration is for 2 ≤ L ≤ 5.");
        var lattice = new IsingLattice(size);
        var counts = new Dictionary<(int, int), long>();
        long states = 1L << lattice.Count;
        for (long s = 0; s < states; s++)
        {
            lattice.SetState(s);
            var key = (lattice.Energy(), lattice.Magnetization());
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return new DensityOfStates(size, counts);
    }

    /// <summary>Canonical averages at temperature T, per spin: ⟨E⟩/N, ⟨|M|⟩/N, ⟨M²⟩/N².</summary>
    public (double Energy, double AbsMagnetization, double MagnetizationSquared) Averages(double temperature)
    {
        double beta = 1 / temperature;
        int eMin = counts.Keys.Min(k => k.Energy);
        double z = 0, e = 0, am = 0, m2 = 0;
        foreach (var ((energy, mag), g) in counts)
        {
            double w = g * Math.Exp(-beta * (energy - eMin));
            z += w;
            e += w * energy;
            am += w * Math.Abs(mag);
            m2 += w * (double)mag * mag;
        }
        double n = Count;
        return (e / z / n, am / z / n, m2 / z / (n * n));
    }

    /// <summary>The Boltzmann probability of one state of energy E: e^(−βE) / Z.</summary>
    public double StateProbability(int energy, double temperature)
    {
        double beta = 1 / temperature;
        double z = counts.Sum(kv => kv.Value * Math.Exp(-beta * (kv.Key.Energy - energy)));
        return 1 / z;
    }
}
