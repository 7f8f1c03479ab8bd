using System.Globalization;
using Vae.Distributed;
using Vae.Evaluation;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Training;

/// <summary>One point of a rate–distortion curve, measured on the test split (nats per example).</summary>
public sealed record RateDistortionPoint(double Beta, string ModelDir, double Rate, double Distortion, double? MeanSquaredError, int N)
{
    /// <summary>The ELBO at this point: −(R + D).</summary>
    public double Elbo => -(Rate + Distortion);
}

/// <summary>
/// Trains one model per β (β-VAE) with otherwise identical options, each in its own folder
/// (<c>beta-&lt;β&gt;</c>), resuming unfinished ones and reusing finished ones, then measures the rate
/// R = E_x KL(q(z|x) ‖ p(z)) and the distortion D = −E_x E_q[log p(x|z)] of each on the test split.
/// </summary>
public static class BetaSweep
{
    public static string FolderFor(string root, double beta) => Path.Combine(root, "beta-" + beta.ToString("G6", CultureInfo.InvariantCulture));

    /// <summary>The model folders (beta-&lt;β&gt; with a config.json) of a sweep's folder, by increasing β; none when there are none.</summary>
    public static IReadOnlyList<(double Beta, string Dir)> Folders(string root) =>
        !Directory.Exists(root) ? [] : Directory.GetDirectories(root, "beta-*")
            .Where(d => File.Exists(Path.Combine(d, ModelFolder.ConfigFile)))
            .Select(d => (Beta: double.TryParse(Path.GetFileName(d)[5..], NumberStyles.Float, CultureInfo.InvariantCulture, out double b) ? b : double.NaN, Dir: d))
            .Where(p => !double.IsNaN(p.Beta)).OrderBy(p => p.Beta).ToList();

    /// <summary>
    /// Which of <paramref name="runs"/> independent runs rank <paramref name="rank"/> of <paramref name="size"/> does:
    /// run i on rank i mod size (round robin, so runs of similar cost given in order spread evenly).
    /// </summary>
    public static int[] RunsOf(int runs, int rank, int size) => Enumerable.Range(0, runs).Where(i => i % size == rank).ToArray();

    /// <summary>
    /// Trains and measures every β. With <paramref name="ranks"/> (an mpirun) the β values are spread over the ranks
    /// (<see cref="RunsOf"/>; each model trains in one process, seeded as one process seeds it) and every rank returns
    /// all the points in β order, the same values as one process measures.
    /// </summary>
    public static IReadOnlyList<RateDistortionPoint> Run(RunConfig baseConfig, IReadOnlyList<double> betas, string root, Device device, int testExamples,
        Func<double, ITrainingObserver?>? observer = null, CancellationToken cancel = default, Communicator? ranks = null)
    {
        ranks ??= Communicator.Single;
        if (betas.Count == 0) throw new VaeException("--beta: give at least one value.");
        foreach (var b in betas) if (!(b >= 0) || !double.IsFinite(b)) throw new VaeException($"--beta {b}: every β must be a finite number ≥ 0.");
        var distinct = betas.Distinct().ToArray();
        CheckRanks(distinct.Length, ranks.Size);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var mine = RunsOf(distinct.Length, ranks.Rank, ranks.Size);
        var points = new List<RateDistortionPoint>();
        foreach (double beta in mine.Select(i => distinct[i]))
        {
            string dir = FolderFor(root, beta);
            var config = baseConfig with { Objective = baseConfig.Objective with { Beta = beta } };
            if (File.Exists(Path.Combine(dir, ModelFolder.StateFile)))
            {
                var saved = ModelFolder.ReadConfig(dir);
                if (saved.Objective.Beta != beta) throw new VaeException($"{dir}: holds a model trained with β = {saved.Objective.Beta}, not {beta}.");
                var state = ModelFolder.ReadState(dir);
                if (!state.Finished && !state.StoppedEarly)
                {
                    using var trainer = Trainer.Resume(dir, device);
                    if (trainer.Run(observer?.Invoke(beta), cancel).Outcome == TrainingOutcome.Interrupted) throw new OperationCanceledException();
                }
                else observer?.Invoke(beta)?.OnMessage($"β = {beta}: already trained in {dir}; reusing it.");
            }
            else
            {
                using var trainer = Trainer.Start(config, dir, device);
                if (trainer.Run(observer?.Invoke(beta), cancel).Outcome == TrainingOutcome.Interrupted) throw new OperationCanceledException();
            }
            points.Add(Measure(dir, beta, device, testExamples));
        }
        if (!ranks.IsDistributed) return points;
        // A rank that finished its runs waits for the others' (which may train longer than its own did).
        var wait = ranks.Timeout + TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(10).Ticks, 4 * clock.Elapsed.Ticks));
        var all = ranks.AllGather(Pack(mine, points), "the gathering of every rank's rate–distortion points", wait).SelectMany(p => Unpack(p, root));
        return all.OrderBy(p => p.Index).Select(p => p.Point).ToList();
    }

    /// <summary>Refuses more ranks than runs (a rank with nothing to do is a mistake in the command line).</summary>
    public static void CheckRanks(int runs, int ranks)
    {
        if (ranks > runs) throw new VaeException($"--ranks {ranks}: more ranks than β values ({runs}); each rank trains whole models, so use at most {runs} ranks.");
    }

    // A rank's points as doubles: index, β, rate, distortion, MSE, whether there is an MSE, N for each; the folder follows from β.
    const int Fields = 7;

    static byte[] Pack(int[] indices, List<RateDistortionPoint> points)
    {
        var values = new double[points.Count * Fields];
        for (int k = 0; k < points.Count; k++)
        {
            var p = points[k];
            values[k * Fields] = indices[k];
            values[k * Fields + 1] = p.Beta;
            values[k * Fields + 2] = p.Rate;
            values[k * Fields + 3] = p.Distortion;
            values[k * Fields + 4] = p.MeanSquaredError ?? 0;
            values[k * Fields + 5] = p.MeanSquaredError is null ? 0 : 1;
            values[k * Fields + 6] = p.N;
        }
        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }

    static IEnumerable<(int Index, RateDistortionPoint Point)> Unpack(byte[] bytes, string root)
    {
        var v = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(bytes).ToArray();
        for (int k = 0; k + Fields <= v.Length; k += Fields)
            yield return ((int)v[k], new RateDistortionPoint(v[k + 1], FolderFor(root, v[k + 1]), v[k + 2], v[k + 3], v[k + 5] == 0 ? null : v[k + 4], (int)v[k + 6]));
    }

    public static RateDistortionPoint Measure(string dir, double beta, Device device, int testExamples)
    {
        using var loaded = ModelFolder.Load(dir, device);
        var test = EvaluationData.LoadTest(loaded.Config, testExamples);
        var elbo = ElboEstimator.Estimate(loaded.Model, test, device);
        double? mse = null;
        if (loaded.Model.Likelihood is Distributions.GaussianLikelihood)
        {
            var recon = Generation.Reconstruct(loaded.Model, test, device);
            mse = recon.Select((v, i) => (double)(v - test.Features[i]) * (v - test.Features[i])).Sum() / test.Count;
        }
        return new RateDistortionPoint(beta, dir, elbo.Kl, elbo.Reconstruction, mse, test.Count);
    }
}
