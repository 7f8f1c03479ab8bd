using Vae.Applications.Robotics;
using Vae.Data;
using Vae.Evaluation;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Tests.Applications.Robotics;

[Collection(ProcessWide.Name)]
public class LatentDynamicsTests : IDisposable
{
    private readonly OneTorchThread threads = new();

    public void Dispose() => threads.Dispose();

    // z_{t+1} = A z_t + B a_t with A a slightly damped rotation in the first two coordinates.
    static LatentEpisodes LinearSystem(int episodes, int steps, int seed)
    {
        var rng = new Random(seed);
        double c = 0.98 * Math.Cos(0.3), s = 0.98 * Math.Sin(0.3);
        var latents = new List<float[]>();
        var actions = new List<float[]>();
        for (int e = 0; e < episodes; e++)
        {
            var z = new float[steps * 3];
            var a = new float[steps];
            double[] x = [rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1];
            for (int t = 0; t < steps; t++)
            {
                for (int j = 0; j < 3; j++) z[t * 3 + j] = (float)x[j];
                a[t] = (float)(rng.NextDouble() * 2 - 1);
                x = [c * x[0] - s * x[1] + 0.1 * a[t], s * x[0] + c * x[1], 0.9 * x[2] + 0.2 * a[t]];
            }
            latents.Add(z);
            actions.Add(a);
        }
        return new LatentEpisodes(latents, actions, Enumerable.Range(0, episodes).Select(e => e * steps).ToList(), 3, 1);
    }

    [Fact]
    public void Dynamics_Model_Learns_A_Linear_System_And_Beats_No_Change_Open_Loop()
    {
        var train = LinearSystem(40, 30, seed: 1);
        var test = LinearSystem(10, 30, seed: 2);
        var options = new DynamicsOptions { Context = 1, Hidden = [64, 64], Epochs = 40, Unroll = 3, BatchSize = 64, Seed = 3 };
        var (model, losses) = DynamicsTrainer.Fit(train, options, CPU);
        Assert.True(losses[^1] < losses[0] / 20, $"loss {losses[0]:E2} → {losses[^1]:E2}");
        using var noGrad = no_grad();
        var windows = test.Windows(0, 5);
        var (context, actions, targets) = test.Batch(windows, 1, 5, CPU);
        var predicted = model.Rollout(context, actions);
        double modelError = (predicted - targets).square().sum(-1).mean([0]).data<float>()[4];
        double stillError = (context - targets).square().sum(-1).mean([0]).data<float>()[4];
        Assert.True(modelError < 0.05 * stillError, $"horizon 5: model {modelError:E2}, no change {stillError:E2}");
    }

    [Fact]
    public void Same_Seed_Trains_The_Same_Dynamics_Model()
    {
        var train = LinearSystem(5, 12, seed: 1);
        var options = new DynamicsOptions { Context = 2, Hidden = [16], Epochs = 2, Seed = 9 };
        var (_, a) = DynamicsTrainer.Fit(train, options, CPU);
        var (_, b) = DynamicsTrainer.Fit(train, options, CPU);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Rollout_Errors_Compare_Each_Prediction_With_The_Frame_It_Predicts()
    {
        // A tiny VAE on 6-value "frames"; the no-change and floor errors are recomputed here by hand.
        var rng = new Random(4);
        int episodes = 3, steps = 10, dim = 6;
        var features = Enumerable.Range(0, episodes * steps * dim).Select(_ => (float)rng.NextDouble()).ToArray();
        var frames = new Dataset("frames", features, DataShape.Vector(dim));
        using var vae = new VaeModel(TestModels.SmallMlp(dim, 2), seed: 5);
        var z = Generation.Encode(vae, frames, CPU).Mean;
        var latents = Enumerable.Range(0, episodes).Select(e => z.AsSpan(e * steps * 2, steps * 2).ToArray()).ToList();
        var actions = Enumerable.Range(0, episodes).Select(_ => new float[steps]).ToList();
        var latentEpisodes = new LatentEpisodes(latents, actions, [0, steps, 2 * steps], 2, 1);
        var (dynamics, _) = DynamicsTrainer.Fit(latentEpisodes, new DynamicsOptions { Context = 1, Hidden = [8], Epochs = 1 }, CPU);
        var errors = RolloutEvaluator.Evaluate(dynamics, vae, latentEpisodes, frames, horizon: 3, firstStart: 2, stride: 3, CPU);
        var decoded = Generation.Decode(vae, z, CPU);
        var starts = new[] { 2, 5 };   // t0 + 3 < 10
        Assert.Equal(episodes * starts.Length, errors.Windows);
        for (int k = 1; k <= 3; k++)
        {
            double still = 0, floor = 0, pixelStill = 0;
            foreach (int e in Enumerable.Range(0, episodes))
                foreach (int t0 in starts)
                {
                    int now = e * steps + t0, later = now + k;
                    still += Enumerable.Range(0, 2).Sum(j => Math.Pow(z[now * 2 + j] - z[later * 2 + j], 2));
                    floor += Enumerable.Range(0, dim).Sum(j => Math.Pow(decoded[later * dim + j] - features[later * dim + j], 2));
                    pixelStill += Enumerable.Range(0, dim).Sum(j => Math.Pow(decoded[now * dim + j] - features[later * dim + j], 2));
                }
            Assert.Equal(still / errors.Windows, errors.LatentNoChange[k - 1], 5);
            Assert.Equal(floor / errors.Windows, errors.PixelFloor[k - 1], 5);
            Assert.Equal(pixelStill / errors.Windows, errors.PixelNoChange[k - 1], 5);
        }
    }
}
