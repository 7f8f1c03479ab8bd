namespace Vae.Applications.Physics;

/// <summary>
/// A Markov chain on one lattice at inverse temperature β, advanced in sweeps: a Metropolis sweep
/// visits every site once; a Wolff sweep flips a fixed number of clusters that together hold about N
/// spins on average (see <see cref="WolffSampler.Calibrate"/>), so a sweep is about N spin updates for both.
/// </summary>
public abstract class IsingSampler(IsingLattice lattice, double temperature, Xoshiro256 random)
{
    public IsingLattice Lattice { get; } = lattice;

    public double Temperature { get; } = temperature > 0 && double.IsFinite(temperature) ? temperature
        : throw new VaeException($"--temperatures: {temperature} is not a positive temperature.");

    public double Beta => 1.0 / Temperature;

    protected Xoshiro256 Random { get; } = random;

    public abstract void Sweep();

    public static IsingSampler Create(IsingAlgorithm algorithm, IsingLattice lattice, double temperature, Xoshiro256 random) => algorithm switch
    {
        IsingAlgorithm.Wolff => new WolffSampler(lattice, temperature, random),
        _ => new MetropolisSampler(lattice, temperature, random),
    };
}
