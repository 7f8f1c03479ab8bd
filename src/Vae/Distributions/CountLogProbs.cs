using static TorchSharp.torch;

namespace Vae.Distributions;

/// <summary>
/// Elementwise log-probabilities of count distributions, written for stability: every quantity is
/// built from logs (log μ, log θ) with lgamma, softplus and log-sum-exp, so that counts of 0 and
/// in the thousands, tiny means and large dispersions give finite, exact values. Call them with
/// double-precision tensors for full accuracy. Shapes broadcast.
/// </summary>
public static class CountLogProbs
{
    /// <summary>Poisson: log p(x; μ) = x log μ − μ − log x!.</summary>
    public static Tensor Poisson(Tensor x, Tensor logMu) =>
        XTimes(x, logMu) - logMu.exp() - (x + 1).lgamma();

    /// <summary>
    /// Negative binomial with mean μ and inverse dispersion θ (variance μ + μ²/θ):
    /// log p = lgamma(x+θ) − lgamma(θ) − log x! + θ (log θ − log(θ+μ)) + x (log μ − log(θ+μ)),
    /// with log(θ+μ) = logaddexp(log θ, log μ).
    /// </summary>
    public static Tensor NegativeBinomial(Tensor x, Tensor logMu, Tensor logTheta)
    {
        var theta = logTheta.exp();
        var logThetaPlusMu = logaddexp(logTheta, logMu);
        return NegativeBinomial(x, logMu, theta, logThetaPlusMu, theta * (logTheta - logThetaPlusMu));
    }

    // The same from θ, log(θ+μ) and log NB(0) = θ (log θ − log(θ+μ)), which the zero-inflated form needs too (computed once).
    static Tensor NegativeBinomial(Tensor x, Tensor logMu, Tensor theta, Tensor logThetaPlusMu, Tensor logNbZero) =>
        (x + theta).lgamma() - theta.lgamma() - (x + 1).lgamma() + logNbZero + XTimes(x, logMu - logThetaPlusMu);

    /// <summary>
    /// Zero-inflated negative binomial: with probability π = sigmoid(l) the count is a structural
    /// zero, otherwise NB(μ, θ). log p(0) = logaddexp(log π, log(1−π) + log NB(0)),
    /// log p(x > 0) = log(1−π) + log NB(x); log π = −softplus(−l), log(1−π) = −softplus(l).
    /// </summary>
    public static Tensor ZeroInflatedNegativeBinomial(Tensor x, Tensor logMu, Tensor logTheta, Tensor zeroLogits)
    {
        var logNotZero = -nn.functional.softplus(zeroLogits);   // log(1 − π)
        var logZero = -nn.functional.softplus(-zeroLogits);     // log π
        var theta = logTheta.exp();
        var logThetaPlusMu = logaddexp(logTheta, logMu);
        var logNbZero = theta * (logTheta - logThetaPlusMu);     // log NB(0) = θ log(θ/(θ+μ))
        var atZero = logaddexp(logZero, logNotZero + logNbZero);
        var positive = logNotZero + NegativeBinomial(x, logMu, theta, logThetaPlusMu, logNbZero);
        return where(x < 0.5, atZero, positive);
    }

    // x · log μ that is 0 (not NaN) where x = 0, even when log μ = −∞.
    static Tensor XTimes(Tensor x, Tensor logMu) => where(x > 0, x * logMu, zeros_like(logMu));
}
