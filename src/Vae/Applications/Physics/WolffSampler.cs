namespace Vae.Applications.Physics;

/// <summary>
/// Wolff's single-cluster algorithm: from a random seed site, grow a cluster by adding each aligned
/// neighbour across each bond with probability p = 1 − e^(−2β), then flip the whole cluster (always
/// accepted; detailed balance holds because the bonds left unadded on the cluster boundary carry the
/// ratio of Boltzmann weights). A sweep is a fixed number of clusters, set by <see cref="Calibrate"/> to
/// about N divided by the mean cluster size. (Stopping a sweep once N spins have been flipped would be
/// biased: the stopping time then depends on the state, and measurements would favour ordered states.)
/// </summary>
public sealed class WolffSampler(IsingLattice lattice, double temperature, Xoshiro256 random) : IsingSampler(lattice, temperature, random)
{
    private readonly double addProbability = 1.0 - Math.Exp(-2.0 / temperature);
    private readonly int[] stack = new int[lattice.Count];

    /// <summary>Clusters flipped and spins flipped so far.</summary>
    public long Clusters { get; private set; }
    public long FlippedSpins { get; private set; }

    /// <summary>Grows and flips one cluster; returns its size.</summary>
    public int FlipCluster()
    {
        var spins = Lattice.Spins;
        var nbr = Lattice.Neighbours;
        int seed = Random.NextInt(Lattice.Count);
        sbyte s = spins[seed];
        spins[seed] = (sbyte)-s;                 // flipped on entry: "not yet in the cluster" is "still equal to s"
        int top = 0, size = 1;
        stack[top++] = seed;
        while (top > 0)
        {
            int i = stack[--top];
            for (int k = 4 * i; k < 4 * i + 4; k++)
            {
                int j = nbr[k];
                if (spins[j] == s && Random.NextDouble() < addProbability)
                {
                    spins[j] = (sbyte)-s;
                    stack[top++] = j;
                    size++;
                }
            }
        }
        Clusters++;
        FlippedSpins += size;
        return size;
    }

    /// <summary>Clusters per sweep (1 until calibrated).</summary>
    public int ClustersPerSweep { get; private set; } = 1;

    /// <summary>Flips <paramref name="clusters"/> clusters and sets <see cref="ClustersPerSweep"/> = max(1, round(N / mean cluster size)).</summary>
    public void Calibrate(int clusters = 100)
    {
        long flipped = 0;
        for (int k = 0; k < clusters; k++) flipped += FlipCluster();
        ClustersPerSweep = Math.Max(1, (int)Math.Round(Lattice.Count * (double)clusters / flipped));
    }

    public override void Sweep()
    {
        for (int k = 0; k < ClustersPerSweep; k++) FlipCluster();
    }
}
