using TorchSharp;
using Vae.Data;
using Vae.Models;
using Vae.Objectives;
using static TorchSharp.torch;

namespace Vae.Tests.Applications.Chemistry;

/// <summary>Overfits a tiny sequence VAE to a handful of molecules: full-batch Adam (3·10⁻³), KL weight 0.1, 300 steps.</summary>
public static class TinySmilesTraining
{
    /// <summary>KL weight 0.1: with the full KL from the first step the decoder learns the few strings before z carries them, and the posterior collapses.</summary>
    public static void Overfit(VaeModel model, Dataset data, int steps = 300)
    {
        var objective = new Objective(ObjectiveOptions.Elbo);
        using var optimizer = optim.Adam(model.parameters(), lr: 3e-3);
        using var noise = new Generator(7);
        var batch = data.ToBatch(CPU);
        model.train();
        for (int step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var loss = objective.Loss(model.Terms(batch, noise), klWeight: 0.1);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
    }
}
