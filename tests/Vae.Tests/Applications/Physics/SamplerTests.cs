using Vae.Applications.Physics;

namespace Vae.Tests.Applications.Physics;

public class SamplerTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(2.269)]
    [InlineData(4.0)]
    public void Metropolis_Acceptance_Satisfies_Detailed_Balance_On_2x2(double temperature)
    {
        var dos = DensityOfStates.Enumerate(2);
        var lattice = new IsingLattice(2);
        var sampler = new MetropolisSampler(lattice, temperature, new Xoshiro256(1));
        for (long s = 0; s < 16; s++)
            for (int site = 0; site < 4; site++)
            {
                lattice.SetState(s);
                int e = lattice.Energy();
                double forward = sampler.AcceptanceProbability(site);
                lattice.Spins[site] = (sbyte)-lattice.Spins[site];
                int e2 = lattice.Energy();
                double backward = sampler.AcceptanceProbability(site);
                // the acceptance is Metropolis's, from energies computed independently of the sampler …
                Assert.Equal(Math.Min(1, Math.Exp(-(e2 - e) / temperature)), forward, 12);
                // … and the flux between the two states balances under the enumerated Boltzmann weights
                Assert.Equal(dos.StateProbability(e, temperature) * forward, dos.StateProbability(e2, temperature) * backward, 12);
            }
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(3.0)]
    public void Metropolis_On_2x2_Visits_States_With_Boltzmann_Frequencies_And_The_Exact_Acceptance_Rate(double temperature)
    {
        var dos = DensityOfStates.Enumerate(2);
        var lattice = new IsingLattice(2);
        var sampler = new MetropolisSampler(lattice, temperature, new Xoshiro256(7));
        const int steps = 400_000;
        var visits = new long[16];
        for (int t = 0; t < steps; t++)
        {
            sampler.UpdateRandomSite();
            visits[lattice.State()]++;
        }
        double expectedRate = 0;
        for (long s = 0; s < 16; s++)
        {
            lattice.SetState(s);
            double p = dos.StateProbability(lattice.Energy(), temperature);
            double accept = Enumerable.Range(0, 4).Average(i => Math.Min(1, Math.Exp(-2.0 * lattice.Spins[i] * lattice.LocalField(i) / temperature)));
            expectedRate += p * accept;
            // successive states are correlated; 5 binomial σ with a generous factor 10 for τ
            double sigma = Math.Sqrt(p * (1 - p) * 10 / steps);
            Assert.InRange(visits[s] / (double)steps, p - 5 * sigma - 1e-4, p + 5 * sigma + 1e-4);
        }
        Assert.Equal(expectedRate, sampler.Accepted / (double)sampler.Attempts, 2);
    }

    [Theory]
    [InlineData(IsingAlgorithm.Wolff, 1.5)]
    [InlineData(IsingAlgorithm.Wolff, 2.269)]
    [InlineData(IsingAlgorithm.Wolff, 3.0)]
    [InlineData(IsingAlgorithm.Metropolis, 2.269)]
    public void Sampler_Reproduces_Exact_Enumeration_On_4x4(IsingAlgorithm algorithm, double temperature)
    {
        var exact = DensityOfStates.Enumerate(4).Averages(temperature);
        var lattice = new IsingLattice(4);
        var sampler = IsingSampler.Create(algorithm, lattice, temperature, Xoshiro256.For(3, (int)(temperature * 1000)));
        for (int k = 0; k < 1000; k++) sampler.Sweep();
        var e = new double[40_000];
        var m = new double[e.Length];
        for (int k = 0; k < e.Length; k++)
        {
            sampler.Sweep();
            e[k] = lattice.Energy() / 16.0;
            m[k] = Math.Abs(lattice.Magnetization()) / 16.0;
        }
        var ae = Autocorrelation.Of(e);
        var am = Autocorrelation.Of(m);
        Assert.True(Math.Abs(ae.Mean - exact.Energy) < 4 * ae.StandardError, $"E/N {ae.Mean:F5} ± {ae.StandardError:F5}, exact {exact.Energy:F5}");
        Assert.True(Math.Abs(am.Mean - exact.AbsMagnetization) < 4 * am.StandardError, $"|m| {am.Mean:F5} ± {am.StandardError:F5}, exact {exact.AbsMagnetization:F5}");
        Assert.InRange(ae.StandardError, 1e-5, 0.01); // the comparison is a sharp one
    }

    [Fact]
    public void Wolff_Cluster_At_Zero_Coupling_Strength_Is_One_Spin_And_Near_Zero_Temperature_Is_The_Lattice()
    {
        var hot = new WolffSampler(new IsingLattice(8), 1e6, new Xoshiro256(1));
        Assert.All(Enumerable.Range(0, 50), _ => Assert.Equal(1, hot.FlipCluster()));
        var cold = new WolffSampler(new IsingLattice(8), 0.05, new Xoshiro256(1));
        Assert.Equal(64, cold.FlipCluster());
        Assert.Equal(-64, cold.Lattice.Magnetization());
    }
}
