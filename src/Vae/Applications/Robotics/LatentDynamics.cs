using TorchSharp;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Applications.Robotics;

/// <summary>
/// A world model in latent space: z_{t+1} = z_t + f(z_{t−K+1}, …, z_t, a_t), f an MLP on the
/// concatenated context and action (the action scaled to [−1, 1] by the largest torque).
/// </summary>
public sealed class LatentDynamics : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Mlp network;

    public LatentDynamics(int latent, int actions, DynamicsOptions options) : base(nameof(LatentDynamics))
    {
        Latent = latent;
        Actions = actions;
        Options = options;
        network = new Mlp(options.Context * latent + actions, [.. options.Hidden, latent], options.Activation, activateLast: false);
        RegisterComponents();
        using var generator = new Generator((ulong)options.Seed);
        ParameterInit.Reset(this, generator);
    }

    public int Latent { get; }
    public int Actions { get; }
    public DynamicsOptions Options { get; }
    public int Context => Options.Context;

    // context: [B, K, d], action: [B, m] -> z_{t+1}: [B, d]
    public override Tensor forward(Tensor context, Tensor action)
    {
        var last = context.select(1, Context - 1);
        return last + network.call(cat([context.flatten(1), action], 1));
    }

    /// <summary>
    /// Open-loop rollout: from the true context [B, K, d], applies actions [B, H, m] one after the other,
    /// feeding predictions back in place of observations. Returns the predicted latents [B, H, d].
    /// </summary>
    public Tensor Rollout(Tensor context, Tensor actions)
    {
        var window = context;
        var predictions = new List<Tensor>();
        for (int h = 0; h < actions.shape[1]; h++)
        {
            var next = call(window, actions.select(1, h));
            predictions.Add(next);
            window = cat([window.narrow(1, 1, Context - 1), next.unsqueeze(1)], 1);
        }
        return stack(predictions, 1);
    }
}
