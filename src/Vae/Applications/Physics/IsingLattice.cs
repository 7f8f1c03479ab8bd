namespace Vae.Applications.Physics;

/// <summary>
/// Spins σ = ±1 on an L×L square lattice with periodic boundaries, H = −J Σ⟨ij⟩ σᵢσⱼ with J = 1
/// (each site bonds to its right and lower neighbours, so there are 2N bonds; on a 2×2 lattice a
/// pair of sites is joined by two bonds, one each way round). Site i is at row i / L, column i % L.
/// </summary>
public sealed class IsingLattice
{
    public IsingLattice(int size)
    {
        if (size < 2) throw new VaeException($"--size {size}: the lattice needs L ≥ 2.");
        if (size > 4096) throw new VaeException($"--size {size}: at most 4096.");
        Size = size;
        Spins = new sbyte[size * size];
        Array.Fill(Spins, (sbyte)1);
        Neighbours = new int[4 * Count];
        for (int r = 0; r < size; r++)
            for (int c = 0; c < size; c++)
            {
                int i = r * size + c;
                Neighbours[4 * i] = r * size + (c + 1) % size;                // right
                Neighbours[4 * i + 1] = r * size + (c + size - 1) % size;     // left
                Neighbours[4 * i + 2] = (r + 1) % size * size + c;            // down
                Neighbours[4 * i + 3] = (r + size - 1) % size * size + c;     // up
            }
    }

    /// <summary>A lattice holding the given spins (each ±1), row-major.</summary>
    public IsingLattice(int size, IReadOnlyList<int> spins) : this(size)
    {
        if (spins.Count != Count) throw new ArgumentException($"{spins.Count} spins for a {size}x{size} lattice.", nameof(spins));
        for (int i = 0; i < Count; i++)
            Spins[i] = spins[i] switch { 1 => 1, -1 => -1, _ => throw new ArgumentException($"spin {i} is {spins[i]}; spins are ±1.", nameof(spins)) };
    }

    public int Size { get; }

    /// <summary>Number of sites N = L².</summary>
    public int Count => Spins.Length;

    /// <summary>The spins, row-major; samplers change them in place.</summary>
    public sbyte[] Spins { get; }

    /// <summary>The four neighbours of site i at [4i .. 4i+3]: right, left, down, up.</summary>
    public int[] Neighbours { get; }

    /// <summary>Total energy E = −Σ⟨ij⟩ σᵢσⱼ over the 2N bonds.</summary>
    public int Energy()
    {
        int e = 0;
        for (int i = 0; i < Count; i++) e -= Spins[i] * (Spins[Neighbours[4 * i]] + Spins[Neighbours[4 * i + 2]]);
        return e;
    }

    /// <summary>Total magnetization M = Σ σᵢ.</summary>
    public int Magnetization()
    {
        int m = 0;
        foreach (sbyte s in Spins) m += s;
        return m;
    }

    /// <summary>Sum of the four neighbouring spins of site i (the local field).</summary>
    public int LocalField(int i) =>
        Spins[Neighbours[4 * i]] + Spins[Neighbours[4 * i + 1]] + Spins[Neighbours[4 * i + 2]] + Spins[Neighbours[4 * i + 3]];

    /// <summary>Flips every spin: an exact symmetry of H (used as a Monte Carlo move).</summary>
    public void FlipAll()
    {
        for (int i = 0; i < Spins.Length; i++) Spins[i] = (sbyte)-Spins[i];
    }

    /// <summary>Sets every spin from the bits of <paramref name="state"/> (bit i set → σᵢ = −1); for exact enumeration.</summary>
    public void SetState(long state)
    {
        for (int i = 0; i < Count; i++) Spins[i] = (sbyte)(((state >> i) & 1) == 1 ? -1 : 1);
    }

    /// <summary>The state index that <see cref="SetState"/> would restore.</summary>
    public long State()
    {
        long state = 0;
        for (int i = 0; i < Count; i++) if (Spins[i] < 0) state |= 1L << i;
        return state;
    }
}
