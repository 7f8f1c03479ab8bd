using System.Diagnostics;
using System.Globalization;
using System.Text;
using SkiaSharp;
using Vae.Data;
using Vae.Data.Images;
using Vae.Models;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Bench;

/// <summary>
/// `bench/run images`: a folder of Fashion-MNIST PNGs (100,000 by default: the 70,000 images, then mirrored training
/// images) trained on through images: (decoded once into the cache, then in memory) and through `vae convert` +
/// shards: (streamed), against the IDX files in memory. Every stage runs in a fresh process so its peak RSS is its own.
/// Writes its section of docs/results/performance.md.
/// </summary>
public static class ImageFolderBench
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // Shards of the streamed rows: small enough that both folder sizes fill the stream's buffers (4 shards, and 4 read ahead).
    const int ShardRows = 2048;
    public const string Begin = "<!-- bench/run images: begin -->", End = "<!-- bench/run images: end -->";

    public static string Run(int images, int epochs, int rounds, string command)
    {
        using var tmp = new TempFolder();
        string folder = Path.Combine(tmp.Path, "fashion-png"), cache = Path.Combine(tmp.Path, "cache"), shards = Path.Combine(tmp.Path, "shards");
        var clock = Stopwatch.StartNew();
        long bytes = Generate(folder, images);
        double generate = clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"wrote {images:N0} PNGs ({bytes / 1e6:F0} MB) in {generate:F0} s");
        string e = epochs.ToString(Inv);
        var cold = Parse(Spawn("images-child", "images", folder, Path.Combine(tmp.Path, "m-cold"), e, cache));
        // The two in-memory sources alternate for a few rounds (the shared machine's speed drifts); each row shows the median round and the range.
        var idxRounds = new List<Stage>();
        var warmRounds = new List<Stage>();
        for (int r = 0; r < rounds; r++)
        {
            idxRounds.Add(Parse(Spawn("images-child", "idx", DataSources.FashionMnistDirectory, Path.Combine(tmp.Path, $"m-idx{r}"), e)));
            warmRounds.Add(Parse(Spawn("images-child", "images", folder, Path.Combine(tmp.Path, $"m-warm{r}"), e, cache)));
        }
        var idx = idxRounds.OrderBy(s => s.Rate).ElementAt(rounds / 2);
        var warm = warmRounds.OrderBy(s => s.Rate).ElementAt(rounds / 2);
        // One class folder (a tenth of the images, unlabelled): what grows with the folder and what does not.
        string small = Path.Combine(folder, "Bag"), smallShards = Path.Combine(tmp.Path, "shards-small");
        var smallImages = Parse(Spawn("images-child", "images", small, Path.Combine(tmp.Path, "m-small"), e, cache));
        var convert = Parse(Spawn("images-child", "convert", folder, shards, "0", "-", ShardRows.ToString(Inv)));
        var smallConvert = Parse(Spawn("images-child", "convert", small, smallShards, "0", "-", ShardRows.ToString(Inv)));
        var streamed = Parse(Spawn("images-child", "shards", shards, Path.Combine(tmp.Path, "m-shards"), e));
        var smallStreamed = Parse(Spawn("images-child", "shards", smallShards, Path.Combine(tmp.Path, "m-shards-small"), e));
        long shardBytes = Directory.GetFiles(Path.Combine(shards, "train")).Sum(f => new FileInfo(f).Length);

        var md = new StringBuilder();
        md.AppendLine(Begin);
        md.AppendLine("## 7. Image folders (`images:`)").AppendLine();
        md.AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `{command}` on {Machine.Describe()}.").AppendLine();
        md.AppendLine($"A folder of {images:N0} Fashion-MNIST PNGs in 10 class folders ({bytes / 1e6:F0} MB; the 70,000 images of the IDX files, then training images mirrored left-right; written with SkiaSharp in {generate:F0} s). "
            + $"The reference MLP (784-400-20, Bernoulli, dynamic binarization, batch 128, `--val-size 0`) trains {epochs} epochs on each source; samples/s is the median epoch's (the first dropped), wall time including the checkpoint. "
            + "Each row is a fresh process, and its peak RSS (VmHWM) is that process's whole life: loading (or decoding) the data and training.").AppendLine();
        md.AppendLine("| source | training images | one-time cost | loading | samples/s per epoch | peak RSS |");
        md.AppendLine("|---|---|---|---|---|---|");
        md.AppendLine($"| `fashion-mnist` IDX files, in memory | {idx.Rows:N0} | — | {idx.Load:F1} s | {idx.Rate:N0} ({Range(idxRounds)}) | {idx.Peak / 1e6:F0} MB |");
        md.AppendLine($"| `images:` first use: decode into the cache, then in memory | {cold.Rows:N0} | decode {cold.Prepare:F1} s ({images / cold.Prepare:N0} images/s) | {cold.Load:F1} s | {cold.Rate:N0} | {cold.Peak / 1e6:F0} MB |");
        md.AppendLine($"| `images:` again: read from the cache, in memory | {warm.Rows:N0} | check the cache {warm.Prepare:F1} s | {warm.Load:F1} s | {warm.Rate:N0} ({Range(warmRounds)}) | {warm.Peak / 1e6:F0} MB |");
        md.AppendLine($"| `images:` on one class folder, first use | {smallImages.Rows:N0} | decode {smallImages.Prepare:F1} s | {smallImages.Load:F1} s | {smallImages.Rate:N0} | {smallImages.Peak / 1e6:F0} MB |");
        md.AppendLine($"| `vae convert --data images:` (no training) | {convert.Rows:N0} | decode {convert.Prepare:F1} s ({images / convert.Prepare:N0} images/s) | — | — | {convert.Peak / 1e6:F0} MB |");
        md.AppendLine($"| `vae convert` of one class folder | {smallConvert.Rows:N0} | decode {smallConvert.Prepare:F1} s | — | — | {smallConvert.Peak / 1e6:F0} MB |");
        md.AppendLine($"| `shards:` written by that convert, streamed | {streamed.Rows:N0} | — | {streamed.Load:F1} s | {streamed.Rate:N0} | {streamed.Peak / 1e6:F0} MB |");
        md.AppendLine($"| `shards:` of one class folder, streamed | {smallStreamed.Rows:N0} | — | {smallStreamed.Load:F1} s | {smallStreamed.Rate:N0} | {smallStreamed.Peak / 1e6:F0} MB |");
        md.AppendLine();
        md.AppendLine($"With ten times the images, the peak RSS of `vae convert` grows by {convert.Peak / 1e6 - smallConvert.Peak / 1e6:F0} MB and that of the in-memory `images:` path by {cold.Peak / 1e6 - smallImages.Peak / 1e6:F0} MB "
            + $"({(cold.Rows - smallImages.Rows) * 784 * 4 / 1e6:F0} MB of extra pixels as float32, held twice: in the data set and in its tensor). Training from shards grows by {streamed.Peak / 1e6 - smallStreamed.Peak / 1e6:F0} MB to "
            + $"{streamed.Peak / 1e9:F2} GB, about the 0.8 GB peak that section 6 measures for an 11-million-row, 5.6 GB shard set: the shard stream's own ceiling rather than growth with the data (what makes it up was not measured here).").AppendLine();
        md.AppendLine($"Decoding streams: images are decoded 256 at a time (in parallel on the cores) into NPY shards (the cache: 16,384 rows a shard; the convert rows: `--shard-rows {ShardRows}`, {shardBytes / 1e6:F0} MB of training shards), so the decoding process's memory is bounded by a shard, not by the folder. "
            + "`images:` then holds the decoded split in memory (4 bytes per pixel, as the IDX path does), and its epochs cost what an in-memory epoch costs; a folder larger than memory goes through `vae convert` and `shards:`, "
            + "whose training process keeps only the shards in use (buffers of 4 shards, one read ahead) whatever the data set's size.");
        md.AppendLine(End);
        return md.ToString();
    }

    static string Range(List<Stage> rounds) => rounds.Count == 1 ? "one round" : $"{rounds.Count} rounds: {rounds.Min(s => s.Rate):N0}–{rounds.Max(s => s.Rate):N0}";

    sealed record Stage(long Rows, double Prepare, double Load, double Rate, long Peak);

    static Stage Parse(string line)
    {
        var p = line.Split(',');
        return new Stage(long.Parse(p[0], Inv), double.Parse(p[1], Inv), double.Parse(p[2], Inv), double.Parse(p[3], Inv), long.Parse(p[4], Inv));
    }

    /// <summary>One stage in this (fresh) process: "rows,prepare seconds,load seconds,samples/s,peak RSS bytes".</summary>
    public static string Child(string kind, string source, string output, int epochs, string? cache, int? shardRows = null)
    {
        double prepare = 0;
        var options = kind switch
        {
            "idx" => new DataOptions { Source = "mnist:" + source, ValidationSize = 0 },
            "images" or "convert" => new DataOptions { Source = "images:" + source, ValidationSize = 0, Images = new ImageOptions { Cache = cache } },
            "shards" => new DataOptions { Source = "shards:" + source, ValidationSize = 0 },
            _ => throw new ArgumentException(kind),
        };
        if (kind == "convert")
        {
            var clock = Stopwatch.StartNew();
            var info = ImageFolder.Convert(options, output, shardRows ?? Vae.Data.Shards.ShardWriter.DefaultShardRows);
            return string.Create(Inv, $"{info.TrainImages},{clock.Elapsed.TotalSeconds},0,0,{BenchProcess.PeakRss()}");
        }
        if (kind == "images")
        {
            var clock = Stopwatch.StartNew();
            ImageFolder.Prepare(options);
            prepare = clock.Elapsed.TotalSeconds;
        }
        var config = new RunConfig { Model = ModelOptions.MnistMlp, Data = options, Training = TrainingOptions.Default with { Epochs = epochs, BatchSize = 128, Seed = 1 } };
        var load = Stopwatch.StartNew();
        var data = DataSources.Load(options);
        double loadSeconds = load.Elapsed.TotalSeconds;
        var epochClock = new EpochClock();
        using (var trainer = Trainer.Start(config, output, CPU, data: data)) trainer.Run(epochClock);
        double rate = data.TrainCount / Machine.Median(epochClock.Seconds.Skip(1));
        return string.Create(Inv, $"{data.TrainCount},{prepare},{loadSeconds},{rate},{BenchProcess.PeakRss()}");
    }

    // The Fashion-MNIST images as PNGs in class folders: the training then test images, then mirrored training images.
    static long Generate(string folder, int count)
    {
        var (train, test) = DataSources.LoadRaw(DataOptions.FashionMnist);
        var names = DataSources.FashionMnistClasses.Select(c => c.Replace('/', '_').Replace(' ', '_')).ToArray();
        foreach (var n in names) Directory.CreateDirectory(Path.Combine(folder, n));
        long total = 0;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (set, row, mirror) = i < train.Count ? (train, i, false) : i < train.Count + test.Count ? (test, i - train.Count, false) : (train, (i - train.Count - test.Count) % train.Count, true);
            var values = set.Row(row);
            using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
            var pixels = new byte[784];
            for (int y = 0; y < 28; y++)
                for (int x = 0; x < 28; x++) pixels[y * 28 + x] = (byte)MathF.Round(values[y * 28 + (mirror ? 27 - x : x)] * 255f);
            System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), 784);
            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            string path = Path.Combine(folder, names[set.Labels![row]], $"{i:D6}.png");
            File.WriteAllBytes(path, png.ToArray());
            Interlocked.Add(ref total, png.Size);
        });
        return total;
    }

    // A fresh process per measurement, so that its peak RSS is that measurement's alone.
    static string Spawn(params string[] args)
    {
        string line = BenchProcess.Child(args);
        Console.Error.WriteLine($"{args[1]}: {line}");
        return line;
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
