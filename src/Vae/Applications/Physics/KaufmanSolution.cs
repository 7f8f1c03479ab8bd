namespace Vae.Applications.Physics;

/// <summary>
/// The exact partition function of a finite m×n periodic lattice (Kaufman 1949, in the form of
/// Ferdinand and Fisher 1969 and Beale 1996), J = k_B = 1, K = β:
/// Z = ½ (2 sinh 2K)^(mn/2) (Z₁ + Z₂ + Z₃ + Z₄), with
/// Z₁ = ∏ᵣ 2cosh(m γ₂ᵣ₊₁/2), Z₂ = ∏ᵣ 2sinh(m γ₂ᵣ₊₁/2), Z₃ = ∏ᵣ 2cosh(m γ₂ᵣ/2), Z₄ = ∏ᵣ 2sinh(m γ₂ᵣ/2)
/// (r = 0 … n−1), cosh γₗ = cosh 2K coth 2K − cos(lπ/n) for l ≥ 1 and γ₀ = 2K + ln tanh K (negative
/// below T_c). It gives the exact mean energy of the lattices we simulate, at every temperature.
/// </summary>
public static class KaufmanSolution
{
    /// <summary>ln Z of an m×n lattice at inverse temperature β (computed in logarithms: no overflow at any size).</summary>
    public static double LogPartitionFunction(int m, int n, double beta)
    {
        if (m < 2 || n < 2) throw new ArgumentOutOfRangeException(nameof(m), "the lattice needs at least 2×2 sites.");
        double k2 = 2 * beta;
        double c = Math.Cosh(k2) / Math.Tanh(k2);
        double Gamma(int l) => l == 0 ? k2 + Math.Log(Math.Tanh(beta)) : Acosh(c - Math.Cos(l * Math.PI / n));
        var acc = new (double Log, int Sign)[] { (0, 1), (0, 1), (0, 1), (0, 1) };
        for (int r = 0; r < n; r++)
        {
            double odd = 0.5 * m * Gamma(2 * r + 1), even = 0.5 * m * Gamma(2 * r);
            acc[0] = Times(acc[0], LogTwoCosh(odd));
            acc[1] = Times(acc[1], LogTwoSinh(odd));
            acc[2] = Times(acc[2], LogTwoCosh(even));
            acc[3] = Times(acc[3], LogTwoSinh(even));
        }
        double max = acc.Where(t => t.Sign != 0).Max(t => t.Log);
        double sum = acc.Where(t => t.Sign != 0).Sum(t => t.Sign * Math.Exp(t.Log - max));
        return Math.Log(0.5) + 0.5 * m * n * Math.Log(2 * Math.Sinh(k2)) + max + Math.Log(sum);
    }

    /// <summary>Mean energy per spin ⟨E⟩/N = −(1/N) ∂ln Z/∂β of an L×L lattice (a fourth-order central difference).</summary>
    public static double EnergyPerSpin(int size, double temperature)
    {
        double beta = 1 / temperature, h = 1e-4 * beta;
        double F(double b) => LogPartitionFunction(size, size, b);
        double derivative = (F(beta - 2 * h) - 8 * F(beta - h) + 8 * F(beta + h) - F(beta + 2 * h)) / (12 * h);
        return -derivative / ((double)size * size);
    }

    static (double, int) Times((double Log, int Sign) a, (double Log, int Sign) b) => (a.Log + b.Log, a.Sign * b.Sign);

    static (double, int) LogTwoCosh(double x) => (Math.Abs(x) + Math.Log(1 + Math.Exp(-2 * Math.Abs(x))), 1);

    static (double, int) LogTwoSinh(double x) =>
        x == 0 ? (double.NegativeInfinity, 0) : (Math.Abs(x) + Math.Log(OneMinusExpMinus(2 * Math.Abs(x))), Math.Sign(x));

    // 1 − e^(−y) without cancellation for small y
    static double OneMinusExpMinus(double y) => y < 1e-5 ? y * (1 - y / 2 * (1 - y / 3)) : 1 - Math.Exp(-y);

    static double Acosh(double x) => Math.Log(x + Math.Sqrt((x - 1) * (x + 1)));
}
