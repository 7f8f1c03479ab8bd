using static TorchSharp.torch;
using Vae.Runs;
using Vae.Samplers;
using Vae.Samplers.Gmm;

namespace Vae.Cli.Commands;

/// <summary>The latent sampler a verb draws z from (<c>--sampler</c>): loaded from the model folder, or fitted there on first use (or with <c>--refit</c>).</summary>
public static class SamplerChoice
{
    public static string Help => string.Join("; ", LatentSamplers.Kinds.Select(k => k.Help));

    public static LatentSampler Open(LoadedModel loaded, string name, bool refit, int? components, Device device, Action<string>? log)
    {
        var kind = LatentSamplers.Find(name);
        if (components is int k)
        {
            if (kind.Name != GmmSampler.Name) throw new VaeException($"--components: only the {GmmSampler.Name} sampler has components, not {kind.Name}.");
            if (k < 1) throw new VaeException($"--components {k}: must be ≥ 1.");
        }
        if (!refit)
        {
            var saved = kind.Load(loaded.Model, loaded.Directory, device);
            if (saved is GmmSampler gmm && components is int want && gmm.File.Options.Components != want)
            {
                log?.Invoke($"The saved {GmmSampler.Name} sampler has {gmm.File.Options.Components} components, not {want}: fitting it again.");
                saved.Dispose();
            }
            else if (saved is not null) return saved;
            else if (kind.Name != PriorSampler.Kind.Name) log?.Invoke($"{loaded.Directory} has no {kind.Name} sampler yet: fitting it now (first use; it is saved there for next time).");
        }
        else log?.Invoke($"Fitting the {kind.Name} sampler again (--refit).");
        var train = DataSources.Load(loaded.Config.Data).Train;
        var fitted = kind.Fit(new SamplerFit(loaded.Model, train, loaded.Directory, device, loaded.Config.Training.Seed, new Lines(log), components));
        if (kind.Name != PriorSampler.Kind.Name) log?.Invoke($"Saved the {kind.Name} sampler in {loaded.Directory}.");
        return fitted;
    }

    // Progress written as it happens, on the caller's thread (Progress<T> would post it elsewhere).
    sealed class Lines(Action<string>? log) : IProgress<string>
    {
        public void Report(string value) => log?.Invoke("  " + value);
    }
}
