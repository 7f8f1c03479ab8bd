using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vae.Runs;

namespace Vae.Bench;

/// <summary>
/// <c>bench/run families</c>: every model family trained by <c>vae train</c> (a process, as a user runs it) and by a PyTorch
/// peer of the same architecture, initialisation scheme, loss and data (bench/python/pytorch_families.py, which reads the
/// run's config.json and the training split the run used), alternating, round by round; samples/s of the second epoch,
/// whole-process wall time and peak RSS (VmHWM, from /usr/bin/time) of both; a step profile of each; importance sampling at
/// K = 5000; start-up. Written into its marked section of docs/results/performance.md.
/// </summary>
public static partial class FamiliesBench
{
    public const string Begin = "<!-- bench/run families: begin -->", End = "<!-- bench/run families: end -->";
    /// <summary>The second section: importance sampling and start-up (`--only is,startup` runs it alone).</summary>
    public const string ExtraBegin = "<!-- bench/run families (is, startup): begin -->", ExtraEnd = "<!-- bench/run families (is, startup): end -->";
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A family: its `vae train` options (without batch size, sizes and output), the batch sizes to measure, and the steps per epoch.</summary>
    /// <summary><paramref name="Whole"/>: every training example each epoch (no --train-size; `--stream` refuses it), so Steps is only what it comes to.</summary>
    sealed record Family(string Name, string Title, string[] Args, int[] Batches, int Steps, int DefaultBatch = 128, bool Sparse = false, bool Whole = false);

    sealed record Measured(double Rate, double PeakMb, double Wall, string Dir);

    /// <param name="ProfilesOnly">Only the step profiles, of runs an earlier `bench/run families` left in .build/bench-families (the peer trained once more for its profile).</param>
    public sealed record Options(int Rounds = 2, string[]? Only = null, double StepScale = 1.0, bool ProfilesOnly = false);

    /// <summary>The markers of the section a run writes: the whole bench's, or (with --only FAMILIES) one of its own, so that parts run separately stand side by side.</summary>
    public static (string Begin, string End) Markers(Options o)
    {
        var names = (o.Only ?? []).Where(n => n is not ("is" or "startup")).ToArray();
        if (names.Length == 0 && !o.ProfilesOnly) return (Begin, End);
        string what = (o.ProfilesOnly ? "--profiles-only " : "") + (names.Length > 0 ? "--only " + string.Join(",", names) : "");
        return ($"<!-- bench/run families {what}: begin -->", $"<!-- bench/run families {what}: end -->");
    }

    /// <param name="partial">Called with the section as it stands after each family (so a long run leaves its results so far).</param>
    /// <returns>The sections measured: (text, begin marker, end marker).</returns>
    public static List<(string Text, string Begin, string End)> Run(string root, Options o, string command, Action<string>? partial = null)
    {
        string load0 = LoadAverage();
        var started = DateTime.UtcNow;
        string work = Path.Combine(root, ".build", "bench-families");
        string data = Path.Combine(root, ".build", "bench-data");
        Directory.CreateDirectory(work);
        Directory.CreateDirectory(data);
        string cells = Path.Combine(data, "cells-20000.h5ad");
        string padded = Path.Combine(data, "fashion-mnist-64.npy");
        string[] counts = ["--data", "h5ad:" + cells, "--hvg", "0", "--hidden", "128", "--latent", "10", "--test-fraction", "0.01"];
        string[] zoo = ["--hidden", "200,200", "--activation", "tanh"];
        var families = new List<Family>
        {
            new("mlp", "reference MLP VAE 784-400-20 (the default model), Fashion-MNIST", [], [128], 150),
            new("conv28", "conv VAE, Fashion-MNIST 28×28", ["--model", "conv"], [64, 128, 256], 150),
            new("nb", "NB count VAE, 2,000 genes, batch covariate, dense", [.. counts, "--likelihood", "nb"], [128], 155, Whole: true),
            new("nb-sparse", "NB count VAE, sparse input (`--stream` / CSR)", [.. counts, "--likelihood", "nb", "--stream"], [128], 155, Sparse: true, Whole: true),
            new("zinb", "ZINB count VAE, dense", [.. counts, "--likelihood", "zinb"], [128], 155, Whole: true),
            new("zinb-sparse", "ZINB count VAE, sparse input", [.. counts, "--likelihood", "zinb", "--stream"], [128], 155, Sparse: true, Whole: true),
            new("smiles", "GRU SMILES VAE (`--model smiles`, smiles:wehi)", ["--data", "smiles:wehi", "--model", "smiles"], [128], 30),
            new("conv64", "conv VAE, Fashion-MNIST padded to 64×64", ["--data", "npy:" + padded, "--model", "conv", "--binarize", "dynamic"], [64, 128, 256], 30),
            new("pixelcnn", "PixelCNN decoder, 28×28", ["--decoder", "pixel-cnn"], [128], 40),
            new("iwae", "zoo IWAE k = 5", [.. zoo, "--latent", "50", "--objective", "iwae", "--iw-samples", "5"], [128], 150),
            new("hvae", "zoo two stochastic layers", [.. zoo, "--latent", "100", "--top-latent", "50", "--top-hidden", "100,100"], [128], 150),
        };
        if (o.Only is { Length: > 0 } only) families = [.. families.Where(f => only.Contains(f.Name))];

        if (o.Only is { Length: > 0 } && o.Only.All(n => n is "is" or "startup")) families = [];
        // The generated data sets, made only when a selected family reads them.
        if (!File.Exists(cells) && families.Any(f => f.Args.Contains("h5ad:" + cells)))
            Python(root, null, [Path.Combine(root, "bench", "python", "make_h5ad.py"), cells, "--cells", "20000", "--genes", "2000"]);
        if (!File.Exists(padded) && families.Any(f => f.Args.Contains("npy:" + padded))) WritePadded64(padded);
        var toolkit = new Dictionary<(string, int), List<Measured>>();
        var peer = new Dictionary<(string, int), List<Measured>>();
        var peerProfiles = new Dictionary<string, Dictionary<string, double>>();
        var notes = new List<string>();
        foreach (var f in o.ProfilesOnly ? [] : families)
            foreach (int b in f.Batches)
            {
                int steps = f.Whole ? f.Steps : Math.Max(10, (int)(f.Steps * o.StepScale));
                string prefix = Path.Combine(work, f.Name);
                for (int r = 0; r < o.Rounds; r++)
                {
                    string dir = Path.Combine(work, $"{f.Name}-b{b}-r{r}");
                    Measured Toolkit() => Train(root, f, b, steps, dir);
                    Measured Peer()
                    {
                        if (!File.Exists(prefix + ".x.npy")) BenchProcess.Child("families-data", dir, prefix);
                        var (run, profile) = PeerTrain(root, f, b, steps, dir, prefix);
                        if (b == f.DefaultBatch && profile is not null) peerProfiles[f.Name] = profile;
                        return run;
                    }
                    // Alternate the order: the toolkit first in even rounds (its first run also writes the config the peer reads).
                    try
                    {
                        if (r % 2 == 0 || !File.Exists(Path.Combine(dir, "config.json"))) { Add(toolkit, f.Name, b, Toolkit()); Add(peer, f.Name, b, Peer()); }
                        else { Add(peer, f.Name, b, Peer()); Add(toolkit, f.Name, b, Toolkit()); }
                    }
                    catch (Exception e) when (e is InvalidOperationException or IOException or JsonException or KeyNotFoundException)
                    {
                        notes.Add($"{f.Name} at batch {b}, round {r + 1}, failed: {e.Message.Split('\n')[0]}");
                        Console.Error.WriteLine(notes[^1] + "\n" + e.Message);
                        break;
                    }
                    partial?.Invoke(Document(command, started, load0, LoadAverage(), families, toolkit, peer, [], peerProfiles, [], null, notes, o, Markers(o).Begin, Markers(o).End));
                    Console.Error.WriteLine($"{f.Name} batch {b} round {r + 1}: toolkit {toolkit[(f.Name, b)][^1].Rate:N0}/s {toolkit[(f.Name, b)][^1].PeakMb:N0} MB, "
                        + $"PyTorch {peer[(f.Name, b)][^1].Rate:N0}/s {peer[(f.Name, b)][^1].PeakMb:N0} MB; load {LoadAverage()}");
                }
            }

        // Step profiles at each family's default batch size (the toolkit's in a fresh process: `bench/run families-profile`).
        var profiles = new Dictionary<string, Dictionary<string, double>>();
        foreach (var f in families)
        {
            string dir = Path.Combine(work, $"{f.Name}-b{f.DefaultBatch}-r0");
            if (!File.Exists(Path.Combine(dir, "config.json"))) continue;
            try
            {
                profiles[f.Name] = JsonSerializer.Deserialize<Dictionary<string, double>>(BenchProcess.Child("families-profile", dir, Math.Max(20, f.Steps).ToString(Inv)))!;
                if (o.ProfilesOnly)
                {
                    int steps = f.Whole ? f.Steps : Math.Max(10, (int)(f.Steps * o.StepScale));
                    string prefix = Path.Combine(work, f.Name);
                    if (!File.Exists(prefix + ".x.npy")) BenchProcess.Child("families-data", dir, prefix);
                    var (_, profile) = PeerTrain(root, f, f.DefaultBatch, steps, dir, prefix);
                    if (profile is not null) peerProfiles[f.Name] = profile;
                }
            }
            catch (InvalidOperationException e) { notes.Add($"profile of {f.Name} failed: {e.Message}"); }
        }

        var importance = o.Only is { Length: > 0 } && !o.Only.Contains("is") ? [] : ImportanceSampling(root, work, o.Rounds);
        var startup = o.Only is { Length: > 0 } && !o.Only.Contains("startup") ? null : StartUp(root, work);
        string load1 = LoadAverage();
        var sections = new List<(string, string, string)>();
        var (begin, end) = Markers(o);
        if (families.Count > 0) sections.Add((Document(command, started, load0, load1, families, toolkit, peer, profiles, peerProfiles, [], null, notes, o, begin, end), begin, end));
        if (importance.Count > 0 || startup is not null)
            sections.Add((ExtraDocument(command, started, load0, load1, importance, startup), ExtraBegin, ExtraEnd));
        return sections;
    }

    static void Add(Dictionary<(string, int), List<Measured>> runs, string name, int b, Measured run)
    {
        if (!runs.TryGetValue((name, b), out var list)) runs[(name, b)] = list = [];
        list.Add(run);
    }

    static Measured Train(string root, Family f, int batch, int steps, string dir)
    {
        string[] args = ["train", .. f.Args, "--batch-size", batch.ToString(Inv), .. f.Whole ? [] : new[] { "--train-size", (batch * steps).ToString(Inv) }, "--epochs", "2",
            "--val-size", "0", "--seed", "1", "--out", dir, "--overwrite"];
        var (peak, wall, _, _) = Timed(Path.Combine(root, "vae"), args, null);
        var metrics = ModelFolder.ReadMetrics(dir);
        return new Measured(metrics[^1].SamplesPerSecond, peak, wall, dir);
    }

    static (Measured, Dictionary<string, double>?) PeerTrain(string root, Family f, int batch, int steps, string dir, string prefix)
    {
        string[] args = [Path.Combine(root, "bench", "python", "pytorch_families.py"), "--config", Path.Combine(dir, "config.json"), "--data", prefix,
            "--batch-size", batch.ToString(Inv), .. f.Whole ? [] : new[] { "--limit", (batch * steps).ToString(Inv) }, "--epochs", "2", .. f.Sparse ? new[] { "--sparse" } : []];
        var (peak, wall, output, _) = Timed("/usr/bin/python3", args, PeerEnvironment);
        var last = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        var profile = last.GetProperty("profile_ms").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        return (new Measured(last.GetProperty("samples_per_second").GetDouble(), peak, wall, dir), profile);
    }

    // As `bench/run performance` runs its peer (libtorch's 2 threads, OpenBLAS at 1), and with OMP_WAIT_POLICY=PASSIVE as the toolkit sets it for itself:
    // with OpenMP's default (threads spin while waiting) a peer on this shared, loaded machine ran 10-15 times slower (conv, batch 64: 11 against 151 samples/s).
    static readonly Dictionary<string, string> PeerEnvironment = new() { ["OPENBLAS_NUM_THREADS"] = "1", ["OMP_WAIT_POLICY"] = "PASSIVE" };

    /// <summary>Runs a program under /usr/bin/time: peak RSS (MB), wall seconds, standard output. Throws with its error output when it fails.</summary>
    static (double PeakMb, double Wall, string Output, double Cpu) Timed(string program, IEnumerable<string> args, Dictionary<string, string>? environment) =>
        Timed(program, args, environment, out _);

    /// <summary>As <see cref="Timed(string, IEnumerable{string}, Dictionary{string, string}?)"/>, also handing back the program's error output.</summary>
    static (double PeakMb, double Wall, string Output, double Cpu) Timed(string program, IEnumerable<string> args, Dictionary<string, string>? environment, out string errorOutput)
    {
        string timeFile = Path.GetTempFileName();
        var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-f", "%M %e %U %S", "-o", timeFile, program }.Concat(args)) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? []) info.Environment[k] = v;
        using var p = Process.Start(info)!;
        var error = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(" ", args)} failed ({p.ExitCode}): {error.Result}");
        errorOutput = error.Result;
        var fields = File.ReadAllText(timeFile).Trim().Split('\n')[^1].Split(' ');
        File.Delete(timeFile);
        return (double.Parse(fields[0], Inv) / 1024, double.Parse(fields[1], Inv), output, double.Parse(fields[2], Inv) + double.Parse(fields[3], Inv));
    }

    static void Python(string root, Dictionary<string, string>? env, string[] args) => Timed("/usr/bin/python3", args, env);

    static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
