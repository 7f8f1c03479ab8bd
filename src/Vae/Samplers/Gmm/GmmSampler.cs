using Vae.IO;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Samplers.Gmm;

/// <summary>What <c>sampler-gmm.json</c> holds: the fitted mixture and how it was fitted.</summary>
public sealed record GmmSamplerFile(GaussianMixture Mixture, GmmOptions Options, double LowerBound, int Iterations, bool Converged, int Examples, long Seed);

/// <summary>
/// z from a full-covariance Gaussian mixture fitted by EM to the posterior means of the training data (pythae's
/// GaussianMixtureSampler; Ghosh et al. 2020's ex-post density estimation). Saved as <c>sampler-gmm.json</c>.
/// </summary>
public sealed class GmmSampler(GmmSamplerFile file) : LatentSampler
{
    public const string Name = "gmm";
    public const string FileName = "sampler-gmm.json";

    public static readonly SamplerKind Kind = new(Name,
        "gmm: a Gaussian mixture (full covariances, 10 components unless --components) fitted by EM to the posterior means of the training data",
        Fit, Load);

    public GmmSamplerFile File => file;

    public override Tensor Sample(long n, Device device, Generator generator)
    {
        using var scope = NewDisposeScope();
        return file.Mixture.Sample(n, generator).to(ScalarType.Float32).to(device).MoveToOuterDisposeScope();
    }

    static GmmSampler Fit(SamplerFit fit)
    {
        var options = fit.Components is int k ? GmmOptions.Default with { Components = k } : GmmOptions.Default;
        using var scope = NewDisposeScope();
        var codes = PosteriorMeans.Of(fit);
        fit.Progress?.Report($"fitting a {options.Components}-component Gaussian mixture to {codes.shape[0]:N0} codes of {codes.shape[1]} dimensions");
        using var generator = new Generator((ulong)fit.Seed);
        var r = GaussianMixtureEm.Fit(codes, options, generator, fit.Progress);
        var file = new GmmSamplerFile(r.Mixture, options, r.LowerBound, r.Iterations, r.Converged, (int)codes.shape[0], fit.Seed);
        AtomicFile.WriteAllText(Path.Combine(fit.ModelFolder, FileName), System.Text.Json.JsonSerializer.Serialize(file, Json.Strict));
        return new GmmSampler(file);
    }

    static GmmSampler? Load(VaeModel model, string folder, Device device)
    {
        string path = Path.Combine(folder, FileName);
        if (!System.IO.File.Exists(path)) return null;
        var file = Json.ReadComplete<GmmSamplerFile>(path);
        file.Mixture.Validated();
        if (file.Mixture.Dimension != model.Latent)
            throw new VaeException($"{path}: the mixture has {file.Mixture.Dimension} dimensions but the model's z has {model.Latent}; fit it again with --refit.");
        return new GmmSampler(file);
    }
}
