namespace Vae.Applications.Physics;

/// <summary>
/// Exact results for the infinite square-lattice Ising model with J = k_B = 1: the critical
/// temperature, Onsager's energy per spin (1944) and Yang's spontaneous magnetization (1952).
/// </summary>
public static class OnsagerSolution
{
    /// <summary>T_c = 2 / ln(1 + √2) ≈ 2.269185.</summary>
    public static readonly double CriticalTemperature = 2.0 / Math.Log(1.0 + Math.Sqrt(2.0));

    /// <summary>
    /// u(T) = −coth(2β) [1 + (2/π)(2 tanh²(2β) − 1) K(κ)], κ = 2 sinh(2β) / cosh²(2β), with K the
    /// complete elliptic integral of the first kind (modulus κ). At T_c the second term vanishes: u = −√2.
    /// </summary>
    public static double EnergyPerSpin(double temperature)
    {
        double b2 = 2.0 / temperature;
        double kappa = 2 * Math.Sinh(b2) / (Math.Cosh(b2) * Math.Cosh(b2));
        double t = Math.Tanh(b2);
        double factor = 2 * t * t - 1;
        double elliptic = Math.Abs(factor) < 1e-15 ? 0 : factor * EllipticK(kappa);
        return -(1 / t) * (1 + 2 / Math.PI * elliptic);
    }

    /// <summary>|m|(T) = (1 − sinh⁻⁴(2β))^(1/8) below T_c, 0 above.</summary>
    public static double SpontaneousMagnetization(double temperature)
    {
        if (temperature >= CriticalTemperature) return 0;
        double s = Math.Sinh(2.0 / temperature);
        return Math.Pow(1 - 1 / (s * s * s * s), 0.125);
    }

    /// <summary>K(k) = π / (2 AGM(1, √(1 − k²))), for 0 ≤ k &lt; 1.</summary>
    public static double EllipticK(double k)
    {
        if (k is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(k), k, "the modulus must be in [0, 1).");
        double a = 1, b = Math.Sqrt((1 - k) * (1 + k));
        for (int i = 0; i < 64 && Math.Abs(a - b) > 1e-16 * a; i++) (a, b) = ((a + b) / 2, Math.Sqrt(a * b));
        return Math.PI / (2 * a);
    }
}
