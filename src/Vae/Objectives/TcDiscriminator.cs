using TorchSharp;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// FactorVAE's discriminator: an MLP (LeakyReLU 0.2) from z to one logit, log D/(1 − D), where D is the
/// probability that z came from q(z) rather than from the product of its marginals. Its mean logit over
/// samples of q(z) estimates the total correlation (the density-ratio trick).
/// </summary>
public sealed class TcDiscriminator : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> layers;

    public TcDiscriminator(int latent, int hidden, int depth) : base(nameof(TcDiscriminator))
    {
        var modules = new List<nn.Module<Tensor, Tensor>>();
        int width = latent;
        for (int i = 0; i < depth; i++)
        {
            modules.Add(nn.Linear(width, hidden));
            modules.Add(nn.LeakyReLU(0.2));
            width = hidden;
        }
        modules.Add(nn.Linear(width, 1));
        layers = nn.Sequential(modules);
        RegisterComponents();
    }

    // z: [B, d] -> logits [B]
    public override Tensor forward(Tensor z) => layers.call(z).squeeze(-1);
}
