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

/// <summary>
/// docs/results/performance.md: the machine's matrix-multiply ceilings, the toolkit's trainer against
/// a bare TorchSharp loop and against PyTorch, importance-sampling throughput, memory over 30 epochs,
/// and streaming from disk. Everything in one run, so ratios compare like with like.
/// </summary>
public static partial class PerformanceBench
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public sealed record Options(int Rounds = 2, int Epochs = 3, int[]? BatchSizes = null, bool Python = true, bool Conv = true, bool Memory = true, bool Streaming = true, long StreamRows = 11_000_000, bool OpenBlasRoute = true);

    public static string Run(Options o, string command)
    {
        var batchSizes = o.BatchSizes ?? [32, 128, 512];
        var md = new StringBuilder();
        md.AppendLine("# Performance").AppendLine();
        md.AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `{command}`.").AppendLine();
        md.AppendLine($"Machine: {Machine.Describe()}; {Vae.Runtime.Describe()}.").AppendLine();

        var (train, test) = DataSources.LoadRaw(DataOptions.FashionMnist);
        using var data = train.ToTensor(CPU);

        // 1. Ceilings.
        md.AppendLine("## 1. Matrix-multiply ceilings").AppendLine();
        md.AppendLine("GFLOP/s of the matrix products of one training step of the reference MLP (forward, weight gradients, input gradients) run back to back, at each batch size; libtorch's `mm`, and OpenBLAS's `cblas_sgemm` (Debian's libopenblas0-pthread, its threads as configured) called directly.").AppendLine();
        md.AppendLine("| batch | libtorch GFLOP/s | OpenBLAS GFLOP/s |").AppendLine("|---|---|---|");
        var ceilings = new Dictionary<int, (double Torch, double? Blas)>();
        foreach (int b in batchSizes)
        {
            var shapes = StepShapes(b);
            ceilings[b] = (Gemm.Libtorch(shapes), Gemm.OpenBlas(shapes));
            md.AppendLine($"| {b} | {ceilings[b].Torch:F1} | {(ceilings[b].Blas is double v ? v.ToString("F1", Inv) : "not installed")} |");
            Console.Error.WriteLine($"ceiling at batch {b}: libtorch {ceilings[b].Torch:F1}, OpenBLAS {ceilings[b].Blas:F1} GFLOP/s");
        }
        md.AppendLine();

        // 2. MLP: trainer vs bare loop, per batch size; with --gemm openblas and PyTorch at 128 and 512.
        double flops = MlpTrainingFlops();
        bool blas = o.OpenBlasRoute && Vae.Nn.BlasLinear.Available;
        md.AppendLine("## 2. Training the reference MLP VAE (784-400-20)").AppendLine();
        md.AppendLine($"All 60,000 Fashion-MNIST images in memory, dynamic binarization, Adam 1e-3. {o.Rounds} rounds per batch size, each training {o.Epochs} epochs with the bare TorchSharp loop, then {o.Epochs} with the toolkit's trainer (`vae train`'s code path, checkpoint written every epoch)"
            + (blas ? $", then (batch 128 and 512) {o.Epochs} with the trainer and `--gemm openblas` (the linear layers' products in OpenBLAS's `cblas_sgemm` through a custom autograd function, `Vae.Nn.BlasLinear`)" : "")
            + $"; after the rounds (batch 128 and 512), {o.Epochs} epochs with PyTorch in its own process. The first epoch of every run is dropped and the median epoch is reported. "
            + $"Training FLOPs per example: {flops / 1e6:F3} M (forward, weight gradients, and input gradients except the first layer's). Fraction = achieved GFLOP/s over the ceiling at that batch size; "
            + "since this shared machine's speed drifts by tens of percent within minutes, the ceiling used is the median of section 1's reading and one taken (1 s each) at the start of every round; the readings are listed below the table.").AppendLine();
        md.AppendLine("| batch | bare samples/s | toolkit samples/s | toolkit / bare | PyTorch samples/s | toolkit / PyTorch | toolkit GFLOP/s | of libtorch ceiling | of OpenBLAS ceiling | `--gemm openblas` samples/s | its / PyTorch | its GFLOP/s, of libtorch / OpenBLAS ceiling |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        var readings = new List<string>();
        foreach (int b in batchSizes)
        {
            bool peers = b is 128 or 512;
            var torchReadings = new List<double> { ceilings[b].Torch };
            var blasReadings = new List<double>(ceilings[b].Blas is double first ? [first] : []);
            void Probe()
            {
                torchReadings.Add(Gemm.Libtorch(StepShapes(b), 1));
                if (Gemm.OpenBlas(StepShapes(b), 1) is double v) blasReadings.Add(v);
            }
            var (bare, toolkit, routed) = Compare(data, train, b, o.Rounds, o.Epochs, conv: false, blas: blas && peers, eachRound: Probe);
            ceilings[b] = (Machine.Median(torchReadings), blasReadings.Count > 0 ? Machine.Median(blasReadings) : null);
            readings.Add($"batch {b}: libtorch {string.Join(", ", torchReadings.Select(v => v.ToString("F1", Inv)))}"
                + (blasReadings.Count > 0 ? $"; OpenBLAS {string.Join(", ", blasReadings.Select(v => v.ToString("F1", Inv)))}" : "") + " GFLOP/s");
            double? python = o.Python && peers ? PythonPeer(b, o.Epochs) : null;
            double rate = train.Count / toolkit, bareRate = train.Count / bare;
            double gflops = rate * flops / 1e9;
            string routedCells = "– | – | –";
            if (routed is double rt)
            {
                double r = train.Count / rt, g = r * flops / 1e9;
                routedCells = $"{r:N0} | {(python is double p2 ? (r / p2).ToString("F2", Inv) : "–")} | {g:F1}: {g / ceilings[b].Torch:P0} / {(ceilings[b].Blas is double c2 ? (g / c2).ToString("P0", Inv) : "–")}";
            }
            md.AppendLine($"| {b} | {bareRate:N0} | {rate:N0} | {rate / bareRate:F3} | {(python is double p ? p.ToString("N0", Inv) : "–")} | {(python is double q ? (rate / q).ToString("F2", Inv) : "–")} | {gflops:F1} | {gflops / ceilings[b].Torch:P0} | {(ceilings[b].Blas is double c ? (gflops / c).ToString("P0", Inv) : "–")} | {routedCells} |");
        }
        md.AppendLine().AppendLine($"Ceiling readings (section 1's first): {string.Join("; ", readings)}.");
        if (o.OpenBlasRoute && !blas) md.AppendLine().AppendLine("`--gemm openblas` not measured: libopenblas.so.0 is not installed.");
        md.AppendLine();
        md.AppendLine("### Where a step's time goes").AppendLine();
        md.AppendLine(StepProfile.Table(data, [.. batchSizes.Where(b => b is 128 or 512)], b => Gemm.Libtorch(StepShapes(b), 1), flops));

        // 3. Conv VAE at batch 128.
        if (o.Conv)
        {
            var (bare, toolkit, _) = Compare(data, train, 128, 2, 2, conv: true, blas: false);
            md.AppendLine("## 3. The convolutional VAE (28×28: two 4×4 stride-2 convolutions, 32 and 64 channels, a 256-unit dense layer)").AppendLine();
            md.AppendLine("2 rounds, each 2 epochs with the bare loop and then 2 with the trainer; the first epoch of every run dropped, the median of the rest reported.").AppendLine();
            md.AppendLine("| batch | bare samples/s | toolkit samples/s | toolkit / bare |").AppendLine("|---|---|---|---|");
            md.AppendLine($"| 128 | {train.Count / bare:N0} | {train.Count / toolkit:N0} | {bare / toolkit:F3} |").AppendLine();
        }

        // 4. Importance sampling.
        md.AppendLine("## 4. Importance-sampled log p(x), K = 5000").AppendLine();
        md.AppendLine(ImportanceSampling(train, test)).AppendLine();

        // 5. Memory.
        if (o.Memory) md.AppendLine("## 5. Memory over 30 epochs").AppendLine().AppendLine(Memory()).AppendLine();

        // 6. Streaming.
        if (o.Streaming) md.AppendLine("## 6. Data bigger than memory").AppendLine().AppendLine(Streaming(train, test, o.StreamRows)).AppendLine();

        return md.ToString();
    }

    /// <summary>Training FLOPs per example of the reference MLP: encoder 784→400→40, decoder 20→400→784.</summary>
    public static double MlpTrainingFlops()
    {
        static double Layer(int i, int o, bool inputGradient) => 2.0 * i * o * (inputGradient ? 3 : 2);
        return Layer(784, 400, false) + Layer(400, 40, true) + Layer(20, 400, true) + Layer(400, 784, true);
    }

    static List<Gemm.Shape> StepShapes(int b) => [.. Gemm.TrainingStep(b, [784, 400, 40]).Where(s => !s.Name.StartsWith("dX 784", StringComparison.Ordinal)), .. Gemm.TrainingStep(b, [20, 400, 784]), new("dX 20->400", b, 400, 20)];

    /// <summary>
    /// Median seconds per epoch of the bare loop, of the toolkit's trainer and (blas) of the trainer with
    /// its linear layers in OpenBLAS, interleaved round by round.
    /// </summary>
    static (double Bare, double Toolkit, double? Blas) Compare(Tensor data, Dataset train, int batch, int rounds, int epochs, bool conv, bool blas, Action? eachRound = null)
    {
        var bare = new List<double>();
        var toolkit = new List<double>();
        var routed = new List<double>();
        using var tmp = new TempFolder();
        for (int r = 0; r < rounds; r++)
        {
            eachRound?.Invoke();
            bare.AddRange(BareLoop.Train(data, epochs, batch, seed: r + 1, conv).Skip(1));
            toolkit.AddRange(Toolkit(train, epochs, batch, r + 1, conv, Path.Combine(tmp.Path, $"r{r}")).Skip(1));
            if (blas)
            {
                Vae.Nn.BlasLinear.Enabled = true;
                try { routed.AddRange(Toolkit(train, epochs, batch, r + 1, conv, Path.Combine(tmp.Path, $"b{r}")).Skip(1)); }
                finally { Vae.Nn.BlasLinear.Enabled = false; }
            }
            Console.Error.WriteLine($"{(conv ? "conv" : "mlp")} batch {batch} round {r + 1}: bare {Machine.Median(bare):F2} s/epoch, toolkit {Machine.Median(toolkit):F2} s/epoch"
                + (blas ? $", toolkit --gemm openblas {Machine.Median(routed):F2} s/epoch" : ""));
        }
        return (Machine.Median(bare), Machine.Median(toolkit), blas ? Machine.Median(routed) : null);
    }

    public static double[] Toolkit(Dataset train, int epochs, int batch, int seed, bool conv, string dir, ITrainingObserver? extra = null)
    {
        var config = new RunConfig
        {
            Model = conv ? ModelOptions.MnistConv : ModelOptions.MnistMlp,
            Data = DataOptions.FashionMnist with { ValidationSize = 0 },
            Training = TrainingOptions.Default with { Epochs = epochs, BatchSize = batch, Seed = seed },
        };
        var clock = new EpochClock(extra);
        using var trainer = Trainer.Start(config, dir, CPU, data: new DataSplits(train, null, train.Take(1)));
        trainer.Run(clock);
        return clock.Seconds.ToArray();
    }

    static double? PythonPeer(int batch, int epochs)
    {
        string script = Path.Combine(Environment.GetEnvironmentVariable("VAE_REPO_ROOT") ?? ".", "bench", "python", "pytorch_vae.py");
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { script, "--batch-size", batch.ToString(Inv), "--epochs", epochs.ToString(Inv), "--threads", "2" }) info.ArgumentList.Add(a);
        info.Environment["OPENBLAS_NUM_THREADS"] = "1";
        try
        {
            using var p = Process.Start(info)!;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) { Console.Error.WriteLine("PyTorch peer failed: " + p.StandardError.ReadToEnd()); return null; }
            var last = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
            Console.Error.WriteLine($"PyTorch batch {batch}: {last.GetProperty("samples_per_second").GetDouble():N0} samples/s (torch {last.GetProperty("torch")})");
            return last.GetProperty("samples_per_second").GetDouble();
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }

    static string ImportanceSampling(Dataset train, Dataset test)
    {
        using var tmp = new TempFolder();
        Toolkit(train, 1, 128, 1, conv: false, tmp.Path);
        using var loaded = ModelFolder.Load(tmp.Path, CPU);
        var subset = EvaluationData.Test(loaded.Config, test.Take(100));
        MarginalLikelihood.Estimate(loaded.Model, subset.Take(4), CPU, 5000);   // warm-up
        var clock = Stopwatch.StartNew();
        MarginalLikelihood.Estimate(loaded.Model, subset, CPU, 5000);
        double rate = 100.0 * 5000 / clock.Elapsed.TotalSeconds;
        double flopsPerSample = 2.0 * (20 * 400 + 400 * 784);   // the decoder's forward pass dominates
        var shapes = new List<Gemm.Shape> { new("z->h", 16384, 20, 400), new("h->x", 16384, 400, 784) };
        double ceiling = Gemm.Libtorch(shapes);
        double gflops = rate * flopsPerSample / 1e9;
        return $"100 test images × K = 5000 samples, decoded 16,384 rows at a time: {rate:N0} samples/s; the decoder's forward pass is {flopsPerSample / 1e6:F3} MFLOP per sample, so {gflops:F1} GFLOP/s, "
            + $"{gflops / ceiling:P0} of libtorch's {ceiling:F1} GFLOP/s on the same products (16,384×20×400 and 16,384×400×784). 10,000 images would take {10000.0 * 5000 / rate / 60:F1} minutes.";
    }
}
