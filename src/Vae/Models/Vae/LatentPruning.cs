using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// Builds a model with only some latent dimensions, carrying over the surviving weights: the
/// encoder head keeps the rows of μ_j and log σ²_j for the kept j, and every layer that reads the
/// decoder's input [z, c, shortcut] keeps the columns of the kept z_j (wherever that input sits in
/// the layer's input: first, or appended after hidden features in skip and FiLM layers).
/// Removing a dimension is exactly setting it to its prior mean 0.
/// </summary>
public static class LatentPruning
{
    /// <summary>Throws a <see cref="VaeException"/> when the model's latent dimensions cannot be pruned one by one.</summary>
    public static void Check(VaeModel model)
    {
        if (model.Extension is not null)
            throw new VaeException("pruning supports models without a posterior extension: a flow or a second stochastic layer reads z too (a hierarchy's z₁ feeds q(z₂|z₁) and p(z₁|z₂)), and those layers are not pruned.");
        if (model.Options.Posterior == Distributions.PosteriorKind.FullCovariance)
            throw new VaeException("pruning supports diagonal posteriors only (a full covariance couples the dimensions).");
    }

    public static VaeModel Prune(VaeModel model, IReadOnlyList<int> keep, long seed)
    {
        int d = model.Latent;
        if (keep.Count == 0) throw new VaeException("pruning would leave no latent dimension.");
        Check(model);
        if (keep.Any(j => j < 0 || j >= d) || keep.Distinct().Count() != keep.Count)
            throw new ArgumentException($"kept dimensions must be distinct and within 0..{d - 1}.", nameof(keep));
        var options = model.Options with { Latent = keep.Count };
        var pruned = new VaeModel(options, seed);
        using var noGrad = no_grad();
        // The posterior head: the rows of μ_j and log σ²_j (or of z_j for a point mass) of the kept j.
        var rows = (model.IsVariational ? keep.Concat(keep.Select(j => d + j)) : keep).Select(j => (long)j).ToArray();
        foreach (var (target, source) in pruned.PosteriorHead.parameters().Zip(model.PosteriorHead.parameters()))
            target.copy_(source.index_select(0, tensor(rows, device: source.device)).to(target.device));
        var head = pruned.PosteriorHead.parameters().Select(p => p.Handle).ToHashSet();
        var zOnly = pruned.PropertyHeadParameters().Select(p => p.Handle).ToHashSet();   // layers whose input is z alone
        var old = model.state_dict();
        foreach (var (name, target) in pruned.state_dict())
        {
            if (head.Contains(target.Handle)) continue;
            var source = old[name].to(target.device);
            for (int axis = 0; axis < target.dim(); axis++)
            {
                if (source.shape[axis] == target.shape[axis]) continue;
                long nOld = source.shape[axis];
                if (nOld - target.shape[axis] != d - keep.Count)
                    throw new InvalidOperationException($"cannot prune {name}: axis {axis} is {nOld}, expected {target.shape[axis]} + {d - keep.Count}.");
                // where z starts in this layer's input: [.., z, c, shortcut] for the decoder's layers, z alone for the property head
                long offset = zOnly.Contains(target.Handle) ? 0 : nOld - model.Options.DecoderInputSize;
                var columns = Enumerable.Range(0, (int)offset).Select(i => (long)i)
                    .Concat(keep.Select(j => offset + j))
                    .Concat(Enumerable.Range((int)(offset + d), (int)(nOld - offset - d)).Select(i => (long)i)).ToArray();
                source = source.index_select(axis, tensor(columns, device: source.device));
            }
            target.copy_(source);
        }
        return pruned;
    }
}
