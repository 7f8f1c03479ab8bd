using MathNet.Numerics.Statistics;
using Vae.Data;
using Vae.Evaluation;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Applications.Physics;

/// <summary>
/// What a VAE trained on Ising configurations learned, measured against the physics it was not told:
/// the latent coordinate against the magnetization, its statistics and the reconstruction error as
/// functions of T, and T_c estimated from where they change fastest, beside the same estimates from
/// the first principal component and from the true magnetization and energy.
///
/// The symmetry. H and the data set (see <see cref="IsingSimulationOptions.RandomGlobalFlip"/>) are
/// invariant under σ → −σ, and the prior N(0, I) under z → −z, so nothing fixes the sign of a latent
/// axis: a VAE may learn z ≈ +c·m or z ≈ −c·m, and in the ordered phase the two signs of m become two
/// clusters on either side of the disordered configurations. Nor need the encoder put the symmetry
/// point at the origin (with 4096 spins the reconstruction term outweighs the KL term that would pull
/// it there), nor be odd at all: trained VAEs often give the two ordered branches different shapes.
/// The analysis therefore (1) uses the odd part of the encoder, μ_odd(x) = (μ(x) − μ(x̄))/2, x̄ being x
/// with every spin flipped, which is exactly odd under the symmetry; (2) projects it on its principal
/// direction u, giving z; (3) orients u without looking at m, by requiring that the all-up
/// configuration has z &gt; 0; (4) reports statistics that do not depend on the sign: ⟨|z|⟩ and the
/// fluctuation of |z| per temperature (⟨z⟩ is 0 by symmetry at every T), corr(|z|, |m|), and corr(z, m)
/// after (3); and (5) keeps the raw coordinate u·(μ − c), c = mean of (μ(x) + μ(x̄))/2 the encoder's
/// symmetry point, with its correlations and the asymmetry RMS(raw(x) + raw(x̄)) / RMS(raw), 0 for an
/// exactly odd encoder.
/// PCA has the same ambiguity (an eigenvector's sign; its centre is the data mean, which the
/// symmetric data set puts at ½ per spin) and is oriented the same way.
/// </summary>
public static class PhaseTransitionAnalysis
{
    /// <summary>
    /// Analyses <paramref name="model"/> on the test configurations (with their metadata); the PCA is
    /// fitted on <paramref name="train"/>.
    /// </summary>
    public static IsingAnalysisResult Analyse(VaeModel model, Dataset test, IReadOnlyList<IsingExample> examples, Dataset train,
        Device device, PhaseTransitionAnalysisOptions? options = null)
    {
        options ??= PhaseTransitionAnalysisOptions.Default;
        if (examples.Count != test.Count) throw new ArgumentException($"{examples.Count} metadata rows for {test.Count} configurations.", nameof(examples));
        if (!test.Shape.IsImage || test.Shape.Height != test.Shape.Width || test.Shape.Channels != 1)
            throw new VaeException($"{test.Name}: expected L x L spin configurations, found {test.Shape}.");
        int sites = test.Dimension, d = model.Latent;
        var allUp = new Dataset("all up", Enumerable.Repeat(1f, sites).ToArray(), test.Shape);

        // VAE: posterior means of x and of its spin flip x̄. Their odd part (μ(x) − μ(x̄))/2 is projected on
        // its principal direction u, oriented by the all-up configuration: z. The raw coordinate
        // u·(μ − c), c the symmetry point, is kept to show how far from odd the encoder is.
        var (mean, std) = Generation.Encode(model, test, device);
        var (flippedMean, _) = Generation.Encode(model, Flipped(test), device);
        var (upMean, _) = Generation.Encode(model, new Dataset("up and down", [.. allUp.Features, .. new float[sites]], test.Shape), device);
        var odd = new float[mean.Length];
        var c = new double[d];
        for (int i = 0; i < mean.Length; i++)
        {
            odd[i] = 0.5f * (mean[i] - flippedMean[i]);
            c[i % d] += 0.5 * (mean[i] + flippedMean[i]) / test.Count;
        }
        var u = PrincipalDirection(odd, new double[d], out double share);
        var upOdd = Enumerable.Range(0, d).Select(j => 0.5f * (upMean[j] - upMean[d + j])).ToArray();
        if (Project(upOdd, 0, new double[d], u) < 0) for (int j = 0; j < d; j++) u[j] = -u[j];
        var z = Enumerable.Range(0, test.Count).Select(i => Project(odd, i, new double[d], u)).ToArray();
        var raw = Enumerable.Range(0, test.Count).Select(i => Project(mean, i, c, u)).ToArray();
        var rawFlipped = Enumerable.Range(0, test.Count).Select(i => Project(flippedMean, i, c, u)).ToArray();
        var sigma = Enumerable.Range(0, test.Count).Select(i => Math.Sqrt(Enumerable.Range(0, d).Sum(j => u[j] * u[j] * std[i * d + j] * std[i * d + j]))).ToArray();
        double asymmetry = Math.Sqrt(raw.Zip(rawFlipped, (a, b) => (a + b) * (a + b)).Average() / raw.Average(v => v * v));
        var recon = ReconstructionError(model, test, mean, device);

        // PCA baseline: first component of the training configurations, oriented the same way.
        var pcaRows = EvenlySpaced(train, options.PcaRows);
        var pca = Pca.FitRandomized(pcaRows.Features, sites, 1, doublePrecision: true);
        double pcaSign = pca.Transform(allUp.Features)[0] < 0 ? -1 : 1;
        var p1 = pca.Transform(test.Features).Select(v => pcaSign * v).ToArray();

        var m = examples.Select(e => e.Magnetization).ToArray();
        var energy = examples.Select(e => e.Energy).ToArray();
        var temperature = examples.Select(e => e.Temperature).ToArray();
        var groups = new TemperatureGroups(temperature);
        return new IsingAnalysisResult
        {
            Size = test.Shape.Height, Latent = d, TestCount = test.Count,
            SymmetryPoint = c, LatentDirection = u, DirectionShare = share,
            CorrelationZM = Correlation.Pearson(z, m),
            CorrelationAbsZAbsM = Correlation.Pearson(z.Select(Math.Abs).ToArray(), m.Select(Math.Abs).ToArray()),
            CorrelationRawZM = Correlation.Pearson(raw, m),
            CorrelationAbsRawZAbsM = Correlation.Pearson(raw.Select(Math.Abs).ToArray(), m.Select(Math.Abs).ToArray()),
            CorrelationPcaM = Correlation.Pearson(p1, m),
            CorrelationAbsPcaAbsM = Correlation.Pearson(p1.Select(Math.Abs).ToArray(), m.Select(Math.Abs).ToArray()),
            CorrelationReconstructionEnergy = Correlation.Pearson(recon, energy),
            FlipAsymmetry = asymmetry,
            PcaVarianceShare = pca.ExplainedVariance[0] / pca.TotalVariance,
            Points = Points(groups, sites, m, energy, z, sigma, recon, p1),
            Estimates = Estimates(groups, sites, m, energy, z, recon, p1, options),
            Temperature = temperature, Magnetization = m, Energy = energy, Z = z, RawZ = raw, Pca = p1, Reconstruction = recon,
        };
    }

    static IReadOnlyList<IsingTemperaturePoint> Points(TemperatureGroups g, int sites, double[] m, double[] e, double[] z, double[] sigma, double[] recon, double[] p1)
    {
        var absM = g.MeanAbs(m); var absMErr = g.StandardError(m, abs: true); var chi = g.Fluctuation(m, sites); var meanE = g.Mean(e);
        var absZ = g.MeanAbs(z); var absZErr = g.StandardError(z, abs: true); var rmsZ = g.Rms(z); var flZ = g.Fluctuation(z, sites); var sig = g.Mean(sigma);
        var rec = g.Mean(recon); var recErr = g.StandardError(recon, abs: false);
        var absP = g.MeanAbs(p1); var absPErr = g.StandardError(p1, abs: true); var flP = g.Fluctuation(p1, sites);
        return g.Temperatures.Select((t, k) => new IsingTemperaturePoint(t, g.Members[k].Length, absM[k], absMErr[k], chi[k], meanE[k],
            absZ[k], absZErr[k], rmsZ[k], flZ[k], sig[k], rec[k], recErr[k], absP[k], absPErr[k], flP[k])).ToArray();
    }

    static IReadOnlyList<TcEstimate> Estimates(TemperatureGroups g, int sites, double[] m, double[] e, double[] z, double[] recon, double[] p1, PhaseTransitionAnalysisOptions o)
    {
        const string Steepest = "steepest change", Peak = "peak";
        var list = new List<TcEstimate>();
        int seed = o.Seed;
        void Add(string source, string observable, string method, Func<TemperatureGroups, double> estimator)
        {
            var (value, error) = g.Bootstrap(estimator, o.Bootstrap, seed++);
            list.Add(new TcEstimate(source, observable, method, value, error));
        }
        double w = o.PeakHalfWidth;
        Add("magnetization", "<|m|>", Steepest, s => CurveFits.SteepestChange(s.Temperatures, s.MeanAbs(m), w));
        Add("magnetization", "susceptibility", Peak, s => CurveFits.PeakLocation(s.Temperatures, s.Fluctuation(m, sites), w));
        Add("energy", "<E>", Steepest, s => CurveFits.SteepestChange(s.Temperatures, s.Mean(e), w));
        Add("vae", "<|z|>", Steepest, s => CurveFits.SteepestChange(s.Temperatures, s.MeanAbs(z), w));
        Add("vae", "var(|z|)", Peak, s => CurveFits.PeakLocation(s.Temperatures, s.Fluctuation(z, sites), w));
        Add("vae", "reconstruction error", Steepest, s => CurveFits.SteepestChange(s.Temperatures, s.Mean(recon), w));
        Add("pca", "<|p1|>", Steepest, s => CurveFits.SteepestChange(s.Temperatures, s.MeanAbs(p1), w));
        Add("pca", "var(|p1|)", Peak, s => CurveFits.PeakLocation(s.Temperatures, s.Fluctuation(p1, sites), w));
        return list;
    }

    /// <summary>−log p(x | z = μ(x)) per spin, for each example.</summary>
    public static double[] ReconstructionError(VaeModel model, Dataset data, float[] mean, Device device, int batchSize = 500)
    {
        var result = new double[data.Count];
        int d = model.Latent;
        using var evaluating = EvaluationMode.Enter(model);
        foreach (var (start, n) in MiniBatches.Ranges(data.Count, batchSize))
        {
            var z = tensor(mean.AsSpan(start * d, n * d).ToArray(), [n, d]).to(device);
            var logp = model.LogLikelihood(data.Rows(start, n, device), z);
            var values = logp.to(ScalarType.Float64).cpu().data<double>().ToArray();
            for (int i = 0; i < n; i++) result[start + i] = -values[i] / data.Dimension;
        }
        return result;
    }

    // The top eigenvector of (1/n) Σ (μ − c)(μ − c)ᵀ (d×d, by power iteration) and its share of the trace.
    static double[] PrincipalDirection(float[] mean, double[] c, out double share)
    {
        int d = c.Length, n = mean.Length / d;
        var s = new double[d, d];
        for (int i = 0; i < n; i++)
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++) s[a, b] += (mean[i * d + a] - c[a]) * (mean[i * d + b] - c[b]) / n;
        var v = Enumerable.Range(0, d).Select(j => 1.0 / (j + 1)).ToArray();
        double lambda = 0;
        for (int it = 0; it < 1000; it++)
        {
            var w = new double[d];
            for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) w[a] += s[a, b] * v[b];
            double norm = Math.Sqrt(w.Sum(x => x * x));
            if (norm == 0) break;
            for (int a = 0; a < d; a++) w[a] /= norm;
            lambda = norm;
            bool done = w.Zip(v, (x, y) => Math.Abs(x - y)).Max() < 1e-13;
            v = w;
            if (done) break;
        }
        double trace = Enumerable.Range(0, d).Sum(j => s[j, j]);
        share = trace > 0 ? lambda / trace : double.NaN;
        return v;
    }

    static double Project(float[] mean, int row, double[] c, double[] u)
    {
        double s = 0;
        for (int j = 0; j < u.Length; j++) s += (mean[row * u.Length + j] - c[j]) * u[j];
        return s;
    }

    static Dataset Flipped(Dataset data) => new(data.Name + " (flipped)", data.Features.Select(v => 1f - v).ToArray(), data.Shape, data.Labels, data.ClassNames);

    static Dataset EvenlySpaced(Dataset data, int max)
    {
        if (data.Count <= max) return data;
        return data.Subset(Enumerable.Range(0, max).Select(k => (int)((long)k * data.Count / max)).ToArray());
    }
}
