namespace Vae.Applications.Physics;

/// <summary>
/// Single-spin-flip Metropolis: flipping σᵢ changes the energy by ΔE = 2σᵢhᵢ (hᵢ the sum of the four
/// neighbours) and is accepted with probability min(1, e^(−βΔE)), which satisfies detailed balance
/// with respect to e^(−βE). A sweep visits the sites in order.
/// </summary>
public sealed class MetropolisSampler : IsingSampler
{
    private readonly double[] acceptance = new double[17]; // indexed by ΔE + 8, ΔE ∈ {−8, −4, 0, 4, 8}

    public MetropolisSampler(IsingLattice lattice, double temperature, Xoshiro256 random) : base(lattice, temperature, random)
    {
        for (int de = -8; de <= 8; de++) acceptance[de + 8] = Math.Min(1.0, Math.Exp(-Beta * de));
    }

    /// <summary>Attempted flips and accepted flips so far.</summary>
    public long Attempts { get; private set; }
    public long Accepted { get; private set; }

    /// <summary>The probability that an attempt to flip site i, in the current state, is accepted.</summary>
    public double AcceptanceProbability(int site) => acceptance[2 * Lattice.Spins[site] * Lattice.LocalField(site) + 8];

    /// <summary>One Metropolis attempt at site i; true when the spin was flipped.</summary>
    public bool Update(int site)
    {
        Attempts++;
        double p = AcceptanceProbability(site);
        if (p < 1.0 && Random.NextDouble() >= p) return false;
        Lattice.Spins[site] = (sbyte)-Lattice.Spins[site];
        Accepted++;
        return true;
    }

    /// <summary>One attempt at a site chosen uniformly at random (the kernel whose detailed balance the tests check).</summary>
    public bool UpdateRandomSite() => Update(Random.NextInt(Lattice.Count));

    public override void Sweep()
    {
        for (int i = 0; i < Lattice.Count; i++) Update(i);
    }
}
