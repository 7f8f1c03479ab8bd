using TorchSharp;
using Vae.Models;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// FactorVAE (Kim and Mnih 2018, "Disentangling by factorising"): the (β-weighted) ELBO plus γ·TC, the total
/// correlation estimated by a discriminator as the mean logit of D at z ~ q(z|x). The discriminator is trained
/// beside the model (<see cref="Objective.AuxiliaryLoss"/>, its own Adam) to tell z of the first half of the
/// batch from z of the second half permuted dimension-wise (samples of Π_j q(z_j)); it sees both detached.
/// </summary>
public sealed class FactorVaeObjective : Objective
{
    private readonly TcDiscriminator discriminator;

    public FactorVaeObjective(ObjectiveOptions options, int latent, long seed) : base(options)
    {
        var o = options.Disentangling!;
        discriminator = new TcDiscriminator(latent, o.DiscriminatorHidden, o.DiscriminatorLayers);
        using var generator = new Generator((ulong)seed + 4_000_037UL);
        ParameterInit.Reset(discriminator, generator);
    }

    public TcDiscriminator Discriminator => discriminator;

    public override nn.Module? Auxiliary => discriminator;

    public override (double LearningRate, double Beta1, double Beta2) AuxiliaryAdam => (Options.Disentangling!.DiscriminatorLearningRate, 0.5, 0.9);

    public override IReadOnlyList<string> TermNames => ["tc"];

    public override ObjectiveValue Evaluate(ElboTerms terms, TrainingClock clock)
    {
        var tc = discriminator.call(terms.Z).mean();
        return new(Loss(terms, KlWeight(clock)) + Options.Disentangling!.FactorGamma * tc, [tc]);
    }

    /// <summary>Logistic loss of D: softplus(−D(z)) on the first half (label "joint"), softplus(D(z̃)) on the permuted second half.</summary>
    public override Tensor? AuxiliaryLoss(ElboTerms terms, Generator? generator)
    {
        var z = terms.Z.detach();
        long b = z.shape[0], half = b / 2;
        if (half < 1) return null;
        var joint = z.narrow(0, 0, half);
        var product = PermuteDimensions(z.narrow(0, half, b - half), generator);
        return nn.functional.softplus(-discriminator.call(joint)).mean() + nn.functional.softplus(discriminator.call(product)).mean();
    }

    /// <summary>Each column of <paramref name="z"/> [B, d] shuffled on its own: samples of the product of the marginals.</summary>
    public static Tensor PermuteDimensions(Tensor z, Generator? generator)
    {
        var order = rand(z.shape, dtype: ScalarType.Float32, device: z.device, generator: generator).argsort(dim: 0);
        return z.gather(0, order);
    }
}
