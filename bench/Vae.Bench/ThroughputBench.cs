using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vae.Data;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Bench;

/// <summary>
/// `vae train`'s trainer against the bare TorchSharp loop on the reference model, in one process,
/// interleaved round by round so that both see the same machine load. Epoch times of the trainer
/// include everything it does per epoch (metrics, the atomic checkpoint write).
/// </summary>
public static class ThroughputBench
{
    public static string Run(int rounds, int epochs, int batchSize, string command)
    {
        var (train, _) = DataSources.LoadRaw(DataOptions.FashionMnist);
        using var data = train.ToTensor(CPU);
        var bare = new List<double>();
        var toolkit = new List<double>();
        using var tmp = new TempFolder();
        for (int r = 0; r < rounds; r++)
        {
            var b = BareLoop.Train(data, epochs, batchSize, seed: r + 1);
            var t = Toolkit(train, epochs, batchSize, seed: r + 1, Path.Combine(tmp.Path, $"run{r}"));
            Console.Error.WriteLine($"round {r + 1}/{rounds}: bare {string.Join(" ", b.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} s/epoch, toolkit {string.Join(" ", t.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} s/epoch");
            bare.AddRange(b.Skip(1));      // the first epoch of a run includes warm-up
            toolkit.AddRange(t.Skip(1));
        }
        double n = train.Count;
        double bareRate = n / Machine.Median(bare), toolkitRate = n / Machine.Median(toolkit);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# Training throughput: `vae train` against a bare TorchSharp loop");
        sb.AppendLine();
        sb.AppendLine(string.Create(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `{command}`."));
        sb.AppendLine();
        sb.AppendLine($"Machine: {Machine.Describe()}.");
        sb.AppendLine();
        sb.AppendLine(string.Create(inv, $"Reference model (MLP 784-400-20, ReLU, Bernoulli, dynamic binarization, Adam 1e-3), batch {batchSize}, all 60,000 Fashion-MNIST training images in memory. "
            + $"{rounds} rounds, each training {epochs} epochs with the bare loop and then {epochs} with the toolkit's trainer (checkpoint written every epoch); the first epoch of every run is dropped as warm-up and the median of the rest is reported."));
        sb.AppendLine();
        sb.AppendLine("| | median s/epoch | samples/s | epochs measured |");
        sb.AppendLine("|---|---|---|---|");
        sb.AppendLine(string.Create(inv, $"| bare TorchSharp loop | {Machine.Median(bare):F3} | {bareRate:N0} | {bare.Count} |"));
        sb.AppendLine(string.Create(inv, $"| `vae train` (Trainer) | {Machine.Median(toolkit):F3} | {toolkitRate:N0} | {toolkit.Count} |"));
        sb.AppendLine();
        sb.AppendLine(string.Create(inv, $"**Ratio toolkit / bare: {toolkitRate / bareRate:F3}** (≥ 0.95 required: the toolkit may be at most 5% slower)."));
        return sb.ToString();
    }

    static double[] Toolkit(Dataset train, int epochs, int batchSize, int seed, string dir)
    {
        var config = new RunConfig
        {
            Data = DataOptions.FashionMnist with { ValidationSize = 0 },
            Training = TrainingOptions.Default with { Epochs = epochs, BatchSize = batchSize, Seed = seed },
        };
        var splits = new DataSplits(train, null, train.Take(1));
        var clock = new EpochClock();
        using var trainer = Trainer.Start(config, dir, CPU, data: splits);
        trainer.Run(clock);
        return clock.Seconds.ToArray();
    }

    sealed class EpochClock : ITrainingObserver
    {
        private readonly Stopwatch clock = new();
        public List<double> Seconds { get; } = [];
        public void OnStart(TrainingStart start) => clock.Restart();
        public void OnEpoch(EpochMetrics metrics, bool isBest)
        {
            Seconds.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
        }
    }
}
