using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vae.Data;
using Vae.Data.Shards;
using Vae.Evaluation;
using Vae.Models;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Bench;

/// <summary>The memory stages of <see cref="PerformanceBench"/>: RSS over 30 epochs and streaming from NPY shards, each in a child process.</summary>
public static partial class PerformanceBench
{
    static string Memory()
    {
        // In a fresh process, so that nothing the earlier stages allocated is counted.
        var rss = BenchProcess.Child("memory-child").Split(',').Select(v => double.Parse(v, Inv)).ToList();
        double growth = (rss[^1] - rss[1]) / rss[1];
        return $"Resident set size of a fresh process after each of 30 epochs of the reference model (batch 128), MB: {string.Join(", ", rss.Select(r => r.ToString("F0", Inv)))}. "
            + $"Growth from epoch 2 to epoch 30: **{growth:P2}** (target below 2%).";
    }

    /// <summary>The child process of <see cref="Memory"/>: 30 epochs, RSS after each, as one comma-separated line.</summary>
    public static string MemoryChild()
    {
        var (train, _) = DataSources.LoadRaw(DataOptions.FashionMnist);
        var rss = new List<double>();
        using var tmp = new TempFolder();
        Toolkit(train, 30, 128, 1, conv: false, tmp.Path, new RssProbe(rss));
        return string.Join(",", rss.Select(r => r.ToString("F1", Inv)));
    }

    /// <summary>The child process of <see cref="Streaming"/>: one epoch over the shards; "seconds,peak RSS bytes,RSS before bytes".</summary>
    public static string StreamChild(string shards, string dir, int features)
    {
        var model = new ModelOptions { Input = DataShape.Vector(features), Network = new Vae.Models.MlpNetwork { Hidden = [256] }, Latent = 16, Likelihood = Distributions.LikelihoodKind.Gaussian };
        long before = BenchProcess.CurrentRss();
        var seconds = StreamedRun(shards, 1, dir, model, 1, 512);
        return string.Create(Inv, $"{seconds[0]},{BenchProcess.PeakRss()},{before}");
    }


    static string Streaming(Dataset train, Dataset test, long rows)
    {
        using var tmp = new TempFolder();
        // Throughput: the same Fashion-MNIST images from shards and from memory.
        string shards = Path.Combine(tmp.Path, "fmnist");
        ShardWriter.Write(Path.Combine(shards, "train"), train);
        ShardWriter.Write(Path.Combine(shards, "test"), test);
        var memory = new List<double>();
        var streamed = new List<double>();
        for (int r = 0; r < 2; r++)
        {
            memory.AddRange(Toolkit(train, 3, 128, r + 1, false, Path.Combine(tmp.Path, $"m{r}")).Skip(1));
            streamed.AddRange(StreamedRun(shards, 3, Path.Combine(tmp.Path, $"s{r}"), ModelOptions.MnistMlp, r + 1, 128).Skip(1));
        }
        double ratio = Machine.Median(memory) / Machine.Median(streamed);
        // Bounded memory: one epoch over a generated data set far larger than the process may use.
        string big = Path.Combine(tmp.Path, "big");
        const int features = 128;
        var genClock = Stopwatch.StartNew();
        ShardWriter.Write(Path.Combine(big, "train"), "synthetic", DataShape.Vector(features), null, Synthetic(rows, features), shardRows: 65536);
        ShardWriter.Write(Path.Combine(big, "test"), "synthetic", DataShape.Vector(features), null, Synthetic(1000, features), shardRows: 65536);
        double gigabytes = Directory.GetFiles(Path.Combine(big, "train")).Sum(f => new FileInfo(f).Length) / 1e9;
        Console.Error.WriteLine($"wrote {gigabytes:F2} GB in {genClock.Elapsed.TotalSeconds:F0} s");
        // The epoch runs in a fresh process, so its peak RSS is its own.
        var parts = BenchProcess.Child("stream-child", big, Path.Combine(tmp.Path, "bigrun"), features.ToString(Inv)).Split(',');
        double[] seconds = [double.Parse(parts[0], Inv)];
        long peak = long.Parse(parts[1], Inv), before = long.Parse(parts[2], Inv);
        return $"Throughput: the reference model at batch 128 on Fashion-MNIST streamed from NPY shards (`vae convert`, 16,384 rows per shard, buffers of 4 shards read ahead) runs at {train.Count / Machine.Median(streamed):N0} samples/s against {train.Count / Machine.Median(memory):N0} from memory: "
            + $"**{ratio:F3}×** (target ≥ 0.9).\n\nBounded memory: {rows:N0} rows × {features} float32 features = {gigabytes:F2} GB of shards (65,536 rows each), an MLP {features}-256-16 Gaussian VAE, batch 512, one epoch in {seconds[0]:F0} s "
            + $"({rows / seconds[0]:N0} samples/s). Peak resident set size of the training process (a fresh one): **{peak / 1e9:F2} GB** for a data set of {gigabytes:F2} GB ({before / 1e9:F2} GB before its epoch began).";
    }

    static double[] StreamedRun(string shards, int epochs, string dir, ModelOptions model, int seed, int batch)
    {
        var config = new RunConfig
        {
            Model = model,
            Data = new DataOptions { Source = "shards:" + shards, ValidationSize = 0 },
            Training = TrainingOptions.Default with { Epochs = epochs, BatchSize = batch, Seed = seed },
        };
        var clock = new EpochClock(null);
        using var trainer = Trainer.Start(config, dir, CPU);
        trainer.Run(clock);
        return clock.Seconds.ToArray();
    }

    static IEnumerable<(float[], int[]?)> Synthetic(long rows, int features)
    {
        var rng = new Random(7);
        const int chunk = 65536;
        for (long done = 0; done < rows; done += chunk)
        {
            int n = (int)Math.Min(chunk, rows - done);
            var values = new float[n * features];
            for (int i = 0; i < values.Length; i++) values[i] = (float)(rng.NextDouble() * 2 - 1);
            yield return (values, null);
        }
    }


    public static double CurrentRssMegabytes() => BenchProcess.CurrentRss() / 1024.0 / 1024.0;


    sealed class RssProbe(List<double> rss) : ITrainingObserver
    {
        public void OnEpoch(EpochMetrics metrics, bool isBest)
        {
            GC.Collect();
            rss.Add(CurrentRssMegabytes());
        }
    }

    sealed class EpochClock(ITrainingObserver? extra) : ITrainingObserver
    {
        private readonly Stopwatch clock = new();
        public List<double> Seconds { get; } = [];
        public void OnStart(TrainingStart start) => clock.Restart();
        public void OnEpoch(EpochMetrics metrics, bool isBest)
        {
            Seconds.Add(clock.Elapsed.TotalSeconds);
            extra?.OnEpoch(metrics, isBest);
            clock.Restart();
        }
    }
}
