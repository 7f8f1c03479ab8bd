using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Bench;

/// <summary>
/// The reference MLP VAE (784-400-20, ReLU, Bernoulli) trained the way a user would write it in
/// bare TorchSharp, following PyTorch's examples/vae: data as one tensor, a random permutation per
/// epoch, a fresh Bernoulli draw per batch, Adam, and loss.item() per step for the running loss.
/// This is the peer the toolkit's trainer is measured against.
/// </summary>
public sealed class BareLoop : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1 = nn.Linear(784, 400), fc21 = nn.Linear(400, 20), fc22 = nn.Linear(400, 20), fc3 = nn.Linear(20, 400), fc4 = nn.Linear(400, 784);

    public BareLoop() : base(nameof(BareLoop)) { RegisterComponents(); }

    public override Tensor forward(Tensor x) => throw new NotSupportedException();

    /// <summary>Trains <paramref name="epochs"/> epochs; returns seconds per epoch.</summary>
    public static double[] Train(Tensor data, int epochs, int batchSize, int seed)
    {
        torch.manual_seed(seed);
        using var model = new BareLoop();
        model.to(data.device);
        using var opt = optim.Adam(model.parameters(), lr: 1e-3);
        using var gen = new Generator((ulong)seed, data.device);
        long n = data.shape[0];
        var seconds = new double[epochs];
        for (int e = 0; e < epochs; e++)
        {
            var clock = Stopwatch.StartNew();
            double total = 0;
            using var perm = randperm(n, generator: gen).to(data.device);
            for (long start = 0; start < n; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var x = data.index_select(0, perm.narrow(0, start, Math.Min(batchSize, n - start))).bernoulli(gen);
                var h = nn.functional.relu(model.fc1.call(x));
                var mu = model.fc21.call(h);
                var logvar = model.fc22.call(h);
                var z = mu + (0.5 * logvar).exp() * randn(mu.shape, generator: gen, device: mu.device);
                var logits = model.fc4.call(nn.functional.relu(model.fc3.call(z)));
                var rec = nn.functional.binary_cross_entropy_with_logits(logits, x, reduction: nn.Reduction.Sum);
                var kl = -0.5 * (1 + logvar - mu.square() - logvar.exp()).sum();
                var loss = (rec + kl) / x.shape[0];
                opt.zero_grad();
                loss.backward();
                opt.step();
                total += loss.item<float>();
            }
            seconds[e] = clock.Elapsed.TotalSeconds;
        }
        return seconds;
    }
}
