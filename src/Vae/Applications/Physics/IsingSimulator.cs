using System.Diagnostics;

namespace Vae.Applications.Physics;

/// <summary>
/// Runs the Markov chain at each temperature of a grid and saves decorrelated configurations. Per
/// temperature: from an ordered start, a pilot run is extended (doubling) until it is at least
/// 100 τ_int long, τ_int being measured by Sokal's windowed estimator on its second half for both E
/// and |m|; the whole pilot is discarded as equilibration (so at least 50 τ_int are discarded), and
/// configurations are then saved every ⌈spacing · τ_int⌉ sweeps.
/// </summary>
public static class IsingSimulator
{
    /// <summary>Simulates every temperature; <paramref name="progress"/> receives the number of configurations saved so far.</summary>
    public static IsingSimulation Run(IsingSimulationOptions options, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var runs = new TemperatureRun[options.Temperatures.Count];
        int saved = 0;
        for (int k = 0; k < runs.Length; k++)
        {
            int before = saved;
            runs[k] = RunTemperature(options, k, done => progress?.Report(before + done), cancel);
            saved += runs[k].Count;
        }
        return new IsingSimulation(options, runs);
    }

    public static TemperatureRun RunTemperature(IsingSimulationOptions options, int index, Action<int>? progress = null, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        double temperature = options.Temperatures[index];
        var lattice = new IsingLattice(options.Size);
        var random = Xoshiro256.For(options.Seed, index);
        var sampler = IsingSampler.Create(options.Algorithm, lattice, temperature, random);
        if (sampler is WolffSampler wolff) wolff.Calibrate(Math.Max(100, options.PilotSweeps / 10));  // part of the equilibration
        var (tauE, tauM, pilot, equilibrated) = Equilibrate(sampler, options, cancel);
        int spacing = Math.Max(1, (int)Math.Ceiling(options.Spacing * Math.Max(tauE.Tau, tauM.Tau)));

        int n = options.Samples, sites = lattice.Count;
        var spins = new byte[(long)n * sites];
        var energies = new double[n];
        var mags = new double[n];
        for (int s = 0; s < n; s++)
        {
            cancel.ThrowIfCancellationRequested();
            for (int k = 0; k < spacing; k++) sampler.Sweep();
            if (options.RandomGlobalFlip && random.NextDouble() < 0.5) lattice.FlipAll();
            for (int i = 0; i < sites; i++) spins[(long)s * sites + i] = (byte)(lattice.Spins[i] > 0 ? 1 : 0);
            energies[s] = lattice.Energy() / (double)sites;
            mags[s] = lattice.Magnetization() / (double)sites;
            progress?.Invoke(s + 1);
        }
        return new TemperatureRun
        {
            Temperature = temperature, Size = options.Size, Spins = spins, Energies = energies, Magnetizations = mags,
            PilotEnergy = tauE, PilotAbsMagnetization = tauM, EquilibrationSweeps = pilot, SweepsBetweenSamples = spacing,
            Equilibrated = equilibrated, Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    // Extends the pilot run until its second half is ≥ 50 τ_int long; returns τ of E and |m|, the sweeps run, and whether that was reached.
    static (Autocorrelation Energy, Autocorrelation AbsMagnetization, int Sweeps, bool Equilibrated) Equilibrate(IsingSampler sampler, IsingSimulationOptions options, CancellationToken cancel)
    {
        var lattice = sampler.Lattice;
        var e = new List<double>();
        var m = new List<double>();
        int target = options.PilotSweeps;
        while (true)
        {
            while (e.Count < target)
            {
                if (e.Count % 1000 == 0) cancel.ThrowIfCancellationRequested();
                sampler.Sweep();
                e.Add(lattice.Energy() / (double)lattice.Count);
                m.Add(Math.Abs(lattice.Magnetization()) / (double)lattice.Count);
            }
            int half = e.Count / 2;
            var tauE = Autocorrelation.Of(e.GetRange(half, e.Count - half));
            var tauM = Autocorrelation.Of(m.GetRange(half, m.Count - half));
            double tau = Math.Max(tauE.Tau, tauM.Tau);
            bool enough = tauE.Reliable && tauM.Reliable && e.Count - half >= 50 * tau;
            if (enough || target >= options.MaxPilotSweeps) return (tauE, tauM, e.Count, enough);
            target = Math.Min(2 * target, options.MaxPilotSweeps);
        }
    }
}
