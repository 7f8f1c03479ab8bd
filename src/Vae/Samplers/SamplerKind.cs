using Vae.Data;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Samplers;

/// <summary>
/// What fitting a sampler may use: the trained model, its training data, where to save, and a seed;
/// <paramref name="Components"/> sets the number of mixture components of a sampler that has them (gmm), null for its default.
/// </summary>
public sealed record SamplerFit(VaeModel Model, Dataset Train, string ModelFolder, Device Device, long Seed, IProgress<string>? Progress = null,
    int? Components = null);

/// <summary>
/// One kind of latent sampler, found by <see cref="Name"/>: <see cref="Fit"/> fits it (and saves what it learned in
/// the model folder), <see cref="Load"/> reads it back (null when the folder has none yet). A sampler with nothing to
/// fit (the prior) fits by loading.
/// </summary>
public sealed record SamplerKind(string Name, string Help, Func<SamplerFit, LatentSampler> Fit, Func<VaeModel, string, Device, LatentSampler?> Load);
