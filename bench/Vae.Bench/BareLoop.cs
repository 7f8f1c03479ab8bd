using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Bench;

/// <summary>
/// The reference VAEs trained the way a user would write them in bare TorchSharp, following
/// PyTorch's examples/vae: data as one tensor, a random permutation per epoch, a fresh Bernoulli
/// draw per batch, Adam, and loss.item() per step for the running loss. The peer the toolkit's
/// trainer is measured against. The MLP is 784-400-20; the conv network mirrors the toolkit's
/// (two 4×4 stride-2 convolutions of 32 and 64 channels, a 256-unit dense layer).
/// </summary>
public abstract class BareLoop : nn.Module<Tensor, Tensor>
{
    protected BareLoop(string name) : base(name) { }

    // x [B, 784] -> μ, log σ² [B, 20]
    protected abstract (Tensor Mu, Tensor LogVar) Encode(Tensor x);

    // z [B, 20] -> logits [B, 784]
    protected abstract Tensor Decode(Tensor z);

    public override Tensor forward(Tensor x) => throw new NotSupportedException();

    public static BareLoop Create(bool conv) => conv ? new Conv() : new Mlp();

    /// <summary>Trains <paramref name="epochs"/> epochs; returns seconds per epoch.</summary>
    public static double[] Train(Tensor data, int epochs, int batchSize, int seed, bool conv = false)
    {
        torch.manual_seed(seed);
        using var model = Create(conv);
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
                var (mu, logvar) = model.Encode(x);
                var z = mu + (0.5 * logvar).exp() * randn(mu.shape, generator: gen, device: mu.device);
                var logits = model.Decode(z);
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

    sealed class Mlp : BareLoop
    {
        private readonly Linear fc1 = nn.Linear(784, 400), fc21 = nn.Linear(400, 20), fc22 = nn.Linear(400, 20), fc3 = nn.Linear(20, 400), fc4 = nn.Linear(400, 784);

        public Mlp() : base("BareMlp") { RegisterComponents(); }

        protected override (Tensor, Tensor) Encode(Tensor x)
        {
            var h = nn.functional.relu(fc1.call(x));
            return (fc21.call(h), fc22.call(h));
        }

        protected override Tensor Decode(Tensor z) => fc4.call(nn.functional.relu(fc3.call(z)));
    }

    sealed class Conv : BareLoop
    {
        private readonly Conv2d c1 = nn.Conv2d(1, 32, 4, stride: 2, padding: 1), c2 = nn.Conv2d(32, 64, 4, stride: 2, padding: 1);
        private readonly Linear e1 = nn.Linear(3136, 256), mu = nn.Linear(256, 20), lv = nn.Linear(256, 20), d1 = nn.Linear(20, 256), d2 = nn.Linear(256, 3136);
        private readonly ConvTranspose2d t1 = nn.ConvTranspose2d(64, 32, 4, stride: 2, padding: 1), t2 = nn.ConvTranspose2d(32, 1, 4, stride: 2, padding: 1);

        public Conv() : base("BareConv") { RegisterComponents(); }

        protected override (Tensor, Tensor) Encode(Tensor x)
        {
            var h = nn.functional.relu(c2.call(nn.functional.relu(c1.call(x.view(-1, 1, 28, 28)))));
            h = nn.functional.relu(e1.call(h.flatten(1)));
            return (mu.call(h), lv.call(h));
        }

        protected override Tensor Decode(Tensor z)
        {
            var h = nn.functional.relu(d2.call(nn.functional.relu(d1.call(z)))).view(-1, 64, 7, 7);
            return t2.call(nn.functional.relu(t1.call(h))).flatten(1);
        }
    }
}
