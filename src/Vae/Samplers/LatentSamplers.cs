namespace Vae.Samplers;

/// <summary>
/// The registry of latent samplers by name. The model's prior is built in; each fitted sampler registers its kind
/// (one line in <see cref="LatentSamplers"/>' static constructor, or a <c>[ModuleInitializer]</c> in its folder).
/// </summary>
public static class LatentSamplers
{
    private static readonly List<SamplerKind> kinds = [PriorSampler.Kind, Gmm.GmmSampler.Kind, TwoStage.TwoStageSampler.Kind];
    private static readonly Lock gate = new();

    public static void Register(SamplerKind kind)
    {
        lock (gate)
        {
            if (kinds.Any(k => k.Name == kind.Name)) throw new InvalidOperationException($"a sampler named '{kind.Name}' is already registered.");
            kinds.Add(kind);
        }
    }

    public static IReadOnlyList<SamplerKind> Kinds
    {
        get { lock (gate) return [.. kinds]; }
    }

    /// <summary>The kind named <paramref name="name"/>, or a <see cref="VaeException"/> listing the names there are.</summary>
    public static SamplerKind Find(string name) =>
        Kinds.FirstOrDefault(k => k.Name == name)
        ?? throw new VaeException($"--sampler {name}: no such sampler; one of {string.Join(", ", Kinds.Select(k => k.Name))}.");
}
