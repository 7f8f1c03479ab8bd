using System.Globalization;
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

    public static IReadOnlyList<RateDistortionPoint> Run(RunConfig baseConfig, IReadOnlyList<double> betas, string root, Device device, int testExamples,
        Func<double, ITrainingObserver?>? observer = null, CancellationToken cancel = default)
    {
        if (betas.Count == 0) throw new VaeException("--beta: give at least one value.");
        foreach (var b in betas) if (!(b >= 0) || !double.IsFinite(b)) throw new VaeException($"--beta {b}: every β must be a finite number ≥ 0.");
        var points = new List<RateDistortionPoint>();
        foreach (double beta in betas.Distinct())
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
        return points;
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
