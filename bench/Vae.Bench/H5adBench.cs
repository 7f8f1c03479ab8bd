using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vae.Data;
using Vae.Distributions;
using Vae.Models;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Bench;

/// <summary>
/// Training on AnnData files (`bench/run h5ad`): a count VAE for one epoch on a CSR .h5ad of N cells × 2,000 genes
/// (written by bench/python/make_h5ad.py, cached in .build/bench-data), loaded into memory and streamed
/// (--stream), each run in a fresh process so its peak RSS is its own. The section goes into
/// docs/results/performance.md between markers, which `bench/run performance` keeps.
/// </summary>
public static class H5adBench
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    public const string Begin = "<!-- bench/run h5ad -->", End = "<!-- /bench/run h5ad -->";

    public static string Run(string root, int bigCells, int smallCells, int batchSize, string command)
    {
        string small = DataFile(root, smallCells), big = DataFile(root, bigCells);
        using var tmp = new TempFolder();
        var rows = new List<string>();
        foreach (var (file, cells, stream) in new[] { (small, smallCells, false), (small, smallCells, true), (big, bigCells, true) })
        {
            var p = BenchProcess.Child("h5ad-child", file, stream ? "stream" : "memory", Path.Combine(tmp.Path, $"{cells}-{stream}"), batchSize.ToString(Inv)).Split(',');
            long trainCells = long.Parse(p[0], Inv);
            double load = double.Parse(p[1], Inv), epoch = double.Parse(p[2], Inv);
            long before = long.Parse(p[3], Inv), peak = long.Parse(p[4], Inv);
            Console.Error.WriteLine($"{cells:N0} cells, {(stream ? "streamed" : "in memory")}: {trainCells / epoch:N0} cells/s, peak RSS {peak / 1e9:F2} GB");
            rows.Add($"| {cells:N0} × 2,000 ({new FileInfo(file).Length / 1e9:F2} GB) | {(stream ? "`--stream`" : "in memory")} | {trainCells:N0} | {load:F1} s | {epoch:F1} s | **{trainCells / epoch:N0}** | {before / 1e9:F2} GB | **{peak / 1e9:F2} GB** |");
        }
        var md = new StringBuilder();
        md.AppendLine(Begin);
        md.AppendLine("## 8. AnnData files (`h5ad:`): in memory and streamed").AppendLine();
        md.AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `{command}` on {Machine.Describe()}.").AppendLine();
        md.AppendLine("Synthetic counts written by `bench/python/make_h5ad.py` (X as CSR float32, about 9% non-zero, 10 cell types, 2 batches; "
            + "cached in `.build/bench-data/`). One epoch of a negative-binomial VAE (MLP 2000-128-10, the batch as a one-hot condition, log1p input, "
            + $"Adam, batch {batchSize}), `--hvg 0 --test-fraction 0.01 --val-size 0`, each run in a fresh process. In memory, the cells are read "
            + "whole (sparse) and the training split densified (cells × 2,000 float32) as every count source is; with `--stream` the training cells are "
            + "read from the file in blocks of 8,192 rows (hyperslabs of indptr, indices and data), 8 blocks shuffled together, the next buffer read "
            + "ahead, and each batch densified on its own, so memory holds a few blocks whatever the number of cells. \"Load\" is the time to the first "
            + "batch (reading names, batches, the test cells and a 10,000-cell sample); \"RSS before\" the resident set size then.").AppendLine();
        md.AppendLine("| file | training cells from | training cells | load | epoch | cells/s | RSS before the epoch | peak RSS |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in rows) md.AppendLine(r);
        md.AppendLine();
        md.AppendLine($"The in-memory path on {bigCells:N0} cells would hold the dense training split alone ({bigCells * 0.99 * 2000 * 4 / 1e9:F1} GB) "
            + "twice (the data set and its tensor); it is not run.");
        md.AppendLine(End);
        return md.ToString();
    }

    /// <summary>The cached benchmark file of <paramref name="cells"/> cells, written by the Python generator when missing.</summary>
    static string DataFile(string root, int cells)
    {
        string dir = Path.Combine(root, ".build", "bench-data");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, $"cells-{cells}.h5ad");
        if (File.Exists(path)) return path;
        Console.Error.WriteLine($"Writing {path} with bench/python/make_h5ad.py …");
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(root, "bench", "python", "make_h5ad.py"), path + ".tmp", "--cells", cells.ToString(Inv) }) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        Console.Error.WriteLine(p.StandardOutput.ReadToEnd().Trim());
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("bench/python/make_h5ad.py failed (it needs Debian's python3-anndata and python3-h5py)");
        File.Move(path + ".tmp", path);
        return path;
    }


    /// <summary>The child: one epoch; "training cells,load seconds,epoch seconds,RSS before bytes,peak RSS bytes".</summary>
    public static string ChildRun(string file, string mode, string dir, int batchSize)
    {
        var clock = Stopwatch.StartNew();
        var config = new RunConfig
        {
            Model = new ModelOptions
            {
                Input = DataShape.Vector(1), Network = new MlpNetwork { Hidden = [128] }, Latent = 10,
                Likelihood = LikelihoodKind.NegativeBinomial, InputTransform = InputTransform.Log1p,
            },
            Data = new DataOptions { Source = "h5ad:" + file, Stream = mode == "stream", ValidationSize = 0, TestFraction = 0.01, BatchKey = "batch", LabelKey = "cell_type" },
            Training = TrainingOptions.Default with { Epochs = 1, BatchSize = batchSize },
        };
        using var trainer = Trainer.Start(config, dir, CPU);
        var timer = new FirstBatch(clock);
        trainer.Run(timer);
        return string.Create(Inv, $"{timer.Cells},{timer.Load:F2},{timer.Epoch:F2},{timer.RssBefore},{BenchProcess.PeakRss()}");
    }


    sealed class FirstBatch(Stopwatch clock) : ITrainingObserver
    {
        double start;
        public long Cells { get; private set; }
        public double Load { get; private set; }
        public double Epoch { get; private set; }
        public long RssBefore { get; private set; }

        public void OnStart(TrainingStart s)
        {
            Cells = s.TrainCount;
            Load = start = clock.Elapsed.TotalSeconds;
            RssBefore = BenchProcess.CurrentRss();
        }

        public void OnEpoch(EpochMetrics metrics, bool isBest) => Epoch = clock.Elapsed.TotalSeconds - start;
    }
}
