using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Applications.Robotics;

/// <summary>
/// Fits a <see cref="LatentDynamics"/> to the training episodes' latents with Adam: each window
/// (K context latents, then <see cref="DynamicsOptions.Unroll"/> steps) is rolled out open loop and
/// the loss is the mean squared error of the predicted latents. Window order and weights come from
/// generators seeded by <see cref="DynamicsOptions.Seed"/>.
/// </summary>
public static class DynamicsTrainer
{
    /// <returns>The model (in evaluation mode) and the mean training loss of every epoch.</returns>
    public static (LatentDynamics Model, double[] Losses) Fit(LatentEpisodes train, DynamicsOptions options, Device device, IProgress<(int Epoch, double Loss)>? progress = null)
    {
        var model = new LatentDynamics(train.Latent, train.ActionSize, options);
        model.to(device);
        int longest = Enumerable.Range(0, train.Count).Max(train.Steps);
        int unroll = Math.Min(options.Unroll, longest - options.Context);
        if (unroll < 1)
            throw new VaeException($"the episodes ({longest} steps) are too short for a context of {options.Context} latents and one predicted step.");
        var windows = train.Windows(options.Context - 1, unroll);
        using var optimizer = optim.Adam(model.parameters(), lr: options.LearningRate);
        using var shuffle = new Generator((ulong)options.Seed + 1_000_003UL);
        var losses = new double[options.Epochs];
        model.train();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            long[] order;
            using (var perm = randperm(windows.Count, generator: shuffle)) order = perm.data<long>().ToArray();
            double sum = 0;
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                using var scope = NewDisposeScope();
                var batch = order.Skip(start).Take(options.BatchSize).Select(i => windows[(int)i]).ToList();
                var (context, actions, targets) = train.Batch(batch, options.Context, unroll, device);
                var loss = (model.Rollout(context, actions) - targets).square().mean();
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                sum += loss.item<float>() * batch.Count;
            }
            losses[epoch] = sum / order.Length;
            progress?.Report((epoch + 1, losses[epoch]));
        }
        model.eval();
        return (model, losses);
    }
}
