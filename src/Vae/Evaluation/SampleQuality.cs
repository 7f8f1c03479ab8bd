using TorchSharp;
using Vae.Data;
using Vae.Models;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Evaluation;

/// <summary>Where the latent codes of generated samples come from.</summary>
public enum LatentSource
{
    /// <summary>z ~ p(z), the VAE's prior (N(0, I); a learned or hierarchical prior's own draws).</summary>
    Standard,
    /// <summary>z ~ N(m, C) with m, C the mean and covariance of the encoder means μ(x) over training data (how an autoencoder is usually sampled).</summary>
    Fitted,
}

/// <summary>
/// Sample quality and reconstruction error of a model, for comparing autoencoders and VAEs. <see cref="Sampler"/> names
/// the latent sampler that drew the codes when they were given (then <see cref="Source"/> is not used), else null.
/// </summary>
public sealed record QualityReport(double Fid, double ReconstructionMse, double ReconstructionNll, int N, LatentSource Source, double ClassifierAccuracy,
    string? Sampler = null);

/// <summary>
/// FID-style sample quality: the Fréchet distance between classifier features of decoded samples
/// (means E[x|z]) and of real test images; and the reconstruction error at z = μ(x) (mean squared
/// error, and −log p(x|z=μ)) on the test split, comparable between autoencoders and VAEs.
/// </summary>
public static class SampleQuality
{
    public static QualityReport Measure(VaeModel model, RunConfig config, FeatureClassifier classifier, double accuracy, Device device,
        int n, LatentSource source, int seed = 0)
    {
        var (train, rawTest) = DataSources.LoadRaw(config.Data);
        var z = Latents(model, train.Take(10_000), n, source, device, seed);
        return Score(model, config, classifier, accuracy, device, n, rawTest, z) with { Source = source };
    }

    /// <summary>As <see cref="Measure(VaeModel, RunConfig, FeatureClassifier, double, Device, int, LatentSource, int)"/>, for n codes z [n·d] a latent sampler named <paramref name="sampler"/> drew.</summary>
    public static QualityReport Measure(VaeModel model, RunConfig config, FeatureClassifier classifier, double accuracy, Device device, float[] z, string sampler)
    {
        int n = z.Length / model.Latent;
        if (n < 2 || z.Length != n * model.Latent) throw new VaeException($"{z.Length} latent values are not n ≥ 2 codes of {model.Latent} dimensions.");
        var (_, rawTest) = DataSources.LoadRaw(config.Data);
        return Score(model, config, classifier, accuracy, device, n, rawTest, z) with { Sampler = sampler };
    }

    static QualityReport Score(VaeModel model, RunConfig config, FeatureClassifier classifier, double accuracy, Device device, int n, Dataset rawTest, float[] z)
    {
        var realImages = rawTest.Take(n);
        var samples = Generation.Decode(model, z, device);
        double fid = FrechetDistance.Compute(classifier.Features(samples, device), classifier.Features(realImages.Features, device), FeatureClassifier.FeatureSize);

        var test = EvaluationData.Test(config, realImages);
        var recon = Generation.Reconstruct(model, test, device);
        double mse = recon.Select((v, i) => (double)(v - test.Features[i]) * (v - test.Features[i])).Sum() / test.Count;
        double nll = ReconstructionNll(model, test, device);
        return new QualityReport(fid, mse, nll, n, LatentSource.Standard, accuracy);
    }

    /// <summary>n latent codes from the model's prior or from a Gaussian fitted to the encoder means of <paramref name="train"/>: [n·d].</summary>
    public static float[] Latents(VaeModel model, Dataset train, int n, LatentSource source, Device device, int seed)
    {
        int d = model.Latent;
        using var scope = NewDisposeScope();
        if (source == LatentSource.Standard && !model.HasStandardPrior) return FromPrior(model, n, device, seed);
        using var g = new Generator((ulong)seed);
        var eps = randn([n, d], dtype: ScalarType.Float64, generator: g);
        if (source == LatentSource.Standard) return eps.to(ScalarType.Float32).data<float>().ToArray();
        var (mean, _) = Generation.Encode(model, train, device);
        var codes = tensor(mean, [train.Count, d]).to(ScalarType.Float64);
        var m = codes.mean([0]);
        var c = codes - m;
        var cov = c.T.matmul(c) / (train.Count - 1) + 1e-6 * eye(d, dtype: ScalarType.Float64);
        var l = linalg.cholesky(cov);
        return (m + eps.matmul(l.T)).to(ScalarType.Float32).data<float>().ToArray();
    }

    // z ~ p(z) of a model whose prior is not N(0, I) (a VampPrior, a hierarchy): [n·d]
    static float[] FromPrior(VaeModel model, int n, Device device, int seed)
    {
        using var evaluating = EvaluationMode.Enter(model);
        using var g = new Generator((ulong)seed, device);
        return model.Prior.Sample(n, model.Latent, device, g).cpu().data<float>().ToArray();
    }

    /// <summary>−log p(x | z = μ(x)) averaged over the examples.</summary>
    static double ReconstructionNll(VaeModel model, Dataset data, Device device)
    {
        using var evaluating = EvaluationMode.Enter(model);
        double total = 0;
        foreach (var (_, _, batch) in data.Batches(1000, device))
        {
            var mu = model.Encode(batch).Mean;
            total -= model.LogLikelihood(batch, mu).sum().to(ScalarType.Float64).item<double>();
        }
        return total / data.Count;
    }
}
