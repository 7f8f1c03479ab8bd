using System.Runtime.CompilerServices;
using System.Text.Json;
using TorchSharp;
using Vae.IO;
using Vae.Models;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Samplers;

/// <summary>
/// <c>vae sample --sampler pixelcnn</c>: a VQ-VAE's codes drawn from a <see cref="CodePixelCnn"/> fitted after training
/// to the codes of the training data (van den Oord et al. 2017, section 3.2), decoded through the codebook: z [n, L·e].
/// Fitting saves the prior in the model folder (<see cref="WeightsFile"/>, <see cref="InfoFile"/>); later calls load it.
/// </summary>
public sealed class PixelCnnSampler(VectorQuantizer quantizer, CodePixelCnn prior) : LatentSampler
{
    public const string WeightsFile = "pixelcnn-prior.dat";
    public const string InfoFile = "pixelcnn-prior.json";

    public static readonly SamplerKind Kind = new("pixelcnn",
        "pixelcnn: a PixelCNN prior over a VQ-VAE's code grid, fitted to the codes of the training data (VQ-VAE models only)",
        fit => Fit(fit, PixelCnnPriorOptions.Default), Load);

#pragma warning disable CA2255 // registering a plug-in before any entry point can sample: what a module initializer is for
    [ModuleInitializer]
    internal static void Register() => LatentSamplers.Register(Kind);
#pragma warning restore CA2255

    /// <summary>The fitted prior over code grids.</summary>
    public CodePixelCnn Prior => prior;

    public override Tensor Sample(long n, Device device, Generator generator)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return quantizer.Embed(prior.Sample(n, device, generator)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Encodes the training data to code grids, fits a prior with <paramref name="options"/> (weights and batch order
    /// from the fit's seed) and saves it in the model folder.
    /// </summary>
    public static PixelCnnSampler Fit(SamplerFit fit, PixelCnnPriorOptions options)
    {
        var quantizer = RequireQuantizer(fit.Model);
        using var generator = new Generator((ulong)fit.Seed);
        var prior = new CodePixelCnn(quantizer.Options.Codes, quantizer.Options.Grid, options, generator);
        prior.to(fit.Device);
        fit.Progress?.Report($"pixelcnn prior: encoding {fit.Train.Count:N0} training examples to {quantizer.Options.Grid}×{quantizer.Options.Grid} code grids");
        double[] history;
        using (var codes = PixelCnnPriorTraining.Codes(fit.Model, fit.Train, fit.Device))
        {
            using var shuffle = new Generator((ulong)fit.Seed + 1, fit.Device);
            history = PixelCnnPriorTraining.Fit(prior, codes, options, shuffle, fit.Progress);
        }
        var info = new PixelCnnPriorInfo(options, fit.Seed, fit.Train.Count, history);
        AtomicFile.WriteAllBytes(Path.Combine(fit.ModelFolder, WeightsFile), Weights(prior));
        AtomicFile.WriteAllText(Path.Combine(fit.ModelFolder, InfoFile), JsonSerializer.Serialize(info, Json.Strict));
        return new PixelCnnSampler(quantizer, prior);
    }

    /// <summary>The prior saved in <paramref name="folder"/>, or null when none has been fitted.</summary>
    public static PixelCnnSampler? Load(VaeModel model, string folder, Device device)
    {
        if (!File.Exists(Path.Combine(folder, InfoFile))) return null;
        var quantizer = RequireQuantizer(model);
        var info = Json.ReadComplete<PixelCnnPriorInfo>(Path.Combine(folder, InfoFile));
        using var generator = new Generator((ulong)info.Seed);
        var prior = new CodePixelCnn(quantizer.Options.Codes, quantizer.Options.Grid, info.Options, generator);
        ModelFolder.LoadWeights(prior, folder, WeightsFile, state: null);
        prior.to(device);
        prior.eval();
        return new PixelCnnSampler(quantizer, prior);
    }

    public override void Dispose()
    {
        prior.Dispose();
        base.Dispose();
    }

    static VectorQuantizer RequireQuantizer(VaeModel model) => model.Extension as VectorQuantizer
        ?? throw new VaeException("--sampler pixelcnn: the PixelCNN prior is over a VQ-VAE's codes; this model has no quantizer (train one with --model ae --vq-codes K).");

    static byte[] Weights(nn.Module module)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) module.save(writer);
        return stream.ToArray();
    }
}
