using Vae.Applications.Physics;
using Vae.Data;

namespace Vae.Tests.Applications.Physics;

public class IsingSimulatorTests
{
    static IsingSimulationOptions Small(int size, double[] temperatures, int samples, int seed = 1, IsingAlgorithm algorithm = IsingAlgorithm.Wolff) => new()
    {
        Size = size, Temperatures = temperatures, Samples = samples, Seed = seed, Algorithm = algorithm, PilotSweeps = 200,
    };

    [Theory]
    [InlineData(1.8)]
    [InlineData(2.269185)]
    [InlineData(3.0)]
    public void Simulated_Energy_Matches_The_Exact_Finite_Lattice_Energy(double temperature)
    {
        var run = IsingSimulator.Run(Small(6, [temperature], 4000, seed: 2)).Runs[0];
        var s = run.Summary();
        Assert.True(run.Equilibrated);
        Assert.True(Math.Abs(s.Energy - s.EnergyExact) < 4 * s.EnergyErr, $"E/N {s.Energy:F5} ± {s.EnergyErr:F5}, exact (Kaufman, L = 6) {s.EnergyExact:F5}");
        Assert.InRange(s.TauBetweenSamples, 0.3, 1.5); // saved configurations are nearly independent
    }

    [Fact]
    public void Simulated_Magnetization_On_4x4_Matches_Exact_Enumeration()
    {
        var exact = DensityOfStates.Enumerate(4);
        foreach (var run in IsingSimulator.Run(Small(4, [1.8, 2.5], 6000, seed: 3)).Runs)
        {
            var s = run.Summary();
            double m = exact.Averages(run.Temperature).AbsMagnetization;
            Assert.True(Math.Abs(s.AbsMagnetization - m) < 4 * s.AbsMagnetizationErr, $"T {run.Temperature}: |m| {s.AbsMagnetization:F4} ± {s.AbsMagnetizationErr:F4}, exact {m:F4}");
        }
    }

    [Fact]
    public void Same_Seed_Gives_The_Same_Configurations_And_Another_Seed_Does_Not()
    {
        var a = IsingSimulator.Run(Small(8, [2.0, 3.0], 20, seed: 5));
        var b = IsingSimulator.Run(Small(8, [2.0, 3.0], 20, seed: 5));
        var c = IsingSimulator.Run(Small(8, [2.0, 3.0], 20, seed: 6));
        Assert.Equal(a.Runs[1].Spins, b.Runs[1].Spins);
        Assert.Equal(a.Runs[0].Energies, b.Runs[0].Energies);
        Assert.NotEqual(a.Runs[1].Spins, c.Runs[1].Spins);
    }

    [Fact]
    public void Global_Flip_Gives_Both_Signs_In_The_Ordered_Phase_Even_With_Metropolis()
    {
        var run = IsingSimulator.Run(Small(16, [1.2], 200, algorithm: IsingAlgorithm.Metropolis)).Runs[0];
        int positive = run.Magnetizations.Count(m => m > 0);
        Assert.InRange(positive, 70, 130);
        Assert.All(run.Magnetizations, m => Assert.True(Math.Abs(m) > 0.9));
    }

    [Fact]
    public void Data_Set_Round_Trips_Through_The_Mnist_Reader_With_Consistent_Metadata()
    {
        using var dir = new TempDir();
        var options = Small(8, [1.5, 2.5, 3.5], 10) with { TestFraction = 0.3 };
        var sim = IsingSimulator.Run(options);
        string folder = dir.File("ising");
        IsingDataset.Write(folder, sim);
        var (train, test) = DataSources.LoadRaw(new DataOptions { Source = "mnist:" + folder });
        Assert.Equal(DataShape.Image(1, 8, 8), train.Shape);
        Assert.Equal((21, 9), (train.Count, test.Count));
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 1, 1], train.Labels!.Take(9));
        var (data, examples) = IsingDataset.Load(folder, "test");
        for (int i = 0; i < data.Count; i++)
        {
            // the metadata's E and m are those of the spins in the image file
            var lattice = new IsingLattice(8, data.Row(i).ToArray().Select(v => v switch { 0f => -1, 1f => 1, _ => throw new Exception($"pixel {v}") }).ToArray());
            Assert.Equal(lattice.Energy() / 64.0, examples[i].Energy, 12);
            Assert.Equal(lattice.Magnetization() / 64.0, examples[i].Magnetization, 12);
            Assert.Equal(options.Temperatures[data.Labels![i]], examples[i].Temperature);
        }
        Assert.Equal(3, IsingDataset.ReadSimulation(folder).Summaries.Count);
    }

    [Theory]
    [InlineData("1.5,2.0, 2.269", new[] { 1.5, 2.0, 2.269 })]
    [InlineData("1.0:1.2:0.05", new[] { 1.0, 1.05, 1.1, 1.15, 1.2 })]
    public void Temperatures_Parse_As_A_List_Or_A_Range(string text, double[] expected) =>
        Assert.Equal(expected, IsingSimulationOptions.ParseTemperatures(text));

    [Fact]
    public void Bad_Temperatures_Name_The_Option() =>
        Assert.Contains("--temperatures", Assert.Throws<VaeException>(() => IsingSimulationOptions.ParseTemperatures("1.5,abc")).Message);
}
