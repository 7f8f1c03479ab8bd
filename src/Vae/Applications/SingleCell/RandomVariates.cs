namespace Vae.Applications.SingleCell;

/// <summary>Draws from the distributions the simulator needs, from a seeded <see cref="Random"/> (reproducible on every platform).</summary>
public static class RandomVariates
{
    public static double Normal(Random rng)
    {
        // Box–Muller; 1 − U avoids log 0
        double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Gamma(shape, scale 1): Marsaglia and Tsang (2000); shape &lt; 1 by Gamma(shape+1)·U^(1/shape).</summary>
    public static double Gamma(Random rng, double shape)
    {
        if (!(shape > 0)) throw new ArgumentOutOfRangeException(nameof(shape), shape, "shape must be > 0");
        if (shape < 1) return Gamma(rng, shape + 1) * Math.Pow(1 - rng.NextDouble(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do { x = Normal(rng); v = 1 + c * x; } while (v <= 0);
            v = v * v * v;
            double u = 1 - rng.NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    /// <summary>Poisson(λ): multiplication of uniforms below λ = 10, Hörmann's PTRS transformed rejection above.</summary>
    public static long Poisson(Random rng, double lambda)
    {
        if (!(lambda >= 0) || double.IsInfinity(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be finite and ≥ 0");
        if (lambda == 0) return 0;
        if (lambda < 10)
        {
            double limit = Math.Exp(-lambda), p = rng.NextDouble();
            long k = 0;
            while (p > limit) { p *= rng.NextDouble(); k++; }
            return k;
        }
        double slam = Math.Sqrt(lambda), logLam = Math.Log(lambda);
        double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            double u = rng.NextDouble() - 0.5, v = rng.NextDouble();
            double us = 0.5 - Math.Abs(u);
            long k = (long)Math.Floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || us < 0.013 && v > us) continue;
            if (Math.Log(v) + Math.Log(invAlpha) - Math.Log(a / (us * us) + b) <= -lambda + k * logLam - LogGamma(k + 1)) return k;
        }
    }

    /// <summary>Negative binomial with mean μ and inverse dispersion θ (a Poisson with a Gamma(θ, μ/θ) rate).</summary>
    public static long NegativeBinomial(Random rng, double mu, double theta) =>
        mu <= 0 ? 0 : Poisson(rng, Gamma(rng, theta) * mu / theta);

    /// <summary>log Γ(x) for x &gt; 0 (Stirling's series to x⁻⁹ after shifting x to 10 or more; absolute error about 1e-14).</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "x must be > 0");
        double shift = 0;
        while (x < 10) { shift -= Math.Log(x); x += 1; }
        double x2 = 1 / (x * x);
        double series = ((((1.0 / 1188 * x2 - 1.0 / 1680) * x2 + 1.0 / 1260) * x2 - 1.0 / 360) * x2 + 1.0 / 12) / x;
        return shift + (x - 0.5) * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI) + series;
    }
}
