using Vae.Applications.Physics;

namespace Vae.Tests.Applications.Physics;

public class ExactSolutionTests
{
    [Theory]
    [InlineData(2, 1.0)]
    [InlineData(3, 2.0)]
    [InlineData(4, 1.5)]
    [InlineData(4, 2.269185314)]
    [InlineData(4, 3.5)]
    public void Kaufman_Partition_Function_Matches_Exact_Enumeration(int size, double temperature)
    {
        var dos = DensityOfStates.Enumerate(size);
        double beta = 1 / temperature;
        double z = dos.Counts.Sum(kv => kv.Value * Math.Exp(-beta * kv.Key.Energy));
        Assert.Equal(Math.Log(z), KaufmanSolution.LogPartitionFunction(size, size, beta), 9);
        Assert.Equal(dos.Averages(temperature).Energy, KaufmanSolution.EnergyPerSpin(size, temperature), 7);
    }

    [Fact]
    public void Kaufman_Partition_Function_Matches_Enumeration_On_A_Rectangle()
    {
        // 4 rows of 3 columns, enumerated directly: the m and n of the formula are not interchangeable by accident.
        int rows = 4, cols = 3;
        double beta = 0.37, z = 0;
        for (int s = 0; s < 1 << (rows * cols); s++)
        {
            int e = 0;
            int Spin(int r, int c) => ((s >> ((r % rows) * cols + c % cols)) & 1) == 1 ? -1 : 1;
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++) e -= Spin(r, c) * (Spin(r, c + 1) + Spin(r + 1, c));
            z += Math.Exp(-beta * e);
        }
        Assert.Equal(Math.Log(z), KaufmanSolution.LogPartitionFunction(rows, cols, beta), 9);
    }

    [Fact]
    public void Kaufman_Energy_Approaches_Onsager_On_Large_Lattices_Away_From_Tc()
    {
        foreach (double t in new[] { 1.5, 2.0, 3.0 })
            Assert.Equal(OnsagerSolution.EnergyPerSpin(t), KaufmanSolution.EnergyPerSpin(64, t), 6);
        // at T_c the finite lattice differs from the limit by O(1/L): u(L) − u(∞) ≈ −1/L·(a known constant)
        Assert.InRange(KaufmanSolution.EnergyPerSpin(64, OnsagerSolution.CriticalTemperature) + Math.Sqrt(2), -0.02, 0.02);
    }

    [Fact]
    public void Onsager_Energy_Has_The_Known_Values()
    {
        Assert.Equal(-Math.Sqrt(2), OnsagerSolution.EnergyPerSpin(OnsagerSolution.CriticalTemperature), 12);
        Assert.Equal(-2.0, OnsagerSolution.EnergyPerSpin(0.2), 9);            // ground state
        // high-temperature series: ln Z / N = ln 2 + 2 ln cosh β + t⁴ + O(t⁶), t = tanh β, so
        // u = −2t − 4t³(1 − t²) + O(t⁵); at β = 0.05 the remainder is about 4e-6
        double t = Math.Tanh(0.05);
        Assert.Equal(-2 * t - 4 * t * t * t * (1 - t * t), OnsagerSolution.EnergyPerSpin(20.0), 4);
        Assert.Equal(2.269185314213022, OnsagerSolution.CriticalTemperature, 12);
    }

    [Fact]
    public void Yang_Magnetization_Vanishes_At_Tc_And_Saturates_At_Low_T()
    {
        Assert.Equal(0.0, OnsagerSolution.SpontaneousMagnetization(2.3));
        Assert.Equal(1.0, OnsagerSolution.SpontaneousMagnetization(0.5), 6);
        Assert.Equal(0.911319, OnsagerSolution.SpontaneousMagnetization(2.0), 5); // (1 − sinh⁻⁴ 1)^(1/8)
        Assert.InRange(OnsagerSolution.SpontaneousMagnetization(OnsagerSolution.CriticalTemperature - 1e-9), 0, 0.2);
    }

    [Fact]
    public void Elliptic_Integral_Matches_Known_Values()
    {
        Assert.Equal(Math.PI / 2, OnsagerSolution.EllipticK(0), 14);
        Assert.Equal(1.8540746773013719, OnsagerSolution.EllipticK(Math.Sqrt(0.5)), 12); // K(1/√2) = Γ(1/4)² / (4√π)
    }
}
