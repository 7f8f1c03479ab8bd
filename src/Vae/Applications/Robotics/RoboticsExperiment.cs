using System.Text.Json;
using Vae.Data;
using Vae.Distributions;
using Vae.Evaluation;
using Vae.IO;
using Vae.Models;
using Vae.Objectives;
using Vae.Reporting;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Applications.Robotics;

/// <summary>
/// Runs the whole robotics workflow (see <see cref="ExperimentOptions"/>): simulate → train → probe
/// → dynamics → dream, writing data and models under the work folder and pictures beside the report.
/// A model folder that already holds a run with the same configuration is continued, not retrained.
/// </summary>
public static class RoboticsExperiment
{
    public const string Arm = "arm", ArmStacked = "arm-stack2", Pendulum = "pendulum", PendulumStacked = "pendulum-stack2";

    public static string PicturesDirectory(string reportPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(reportPath))!, Path.GetFileNameWithoutExtension(reportPath));

    public static ExperimentResult Run(ExperimentOptions o, Device device, TextWriter log, ITrainingObserver? observer = null, CancellationToken cancel = default)
    {
        var clock = new StageClock();
        string pictures = PicturesDirectory(o.ReportPath);
        Directory.CreateDirectory(pictures);
        string DataDir(string name) => Path.Combine(o.WorkDirectory, "data", name);
        string ModelDir(string name) => Path.Combine(o.WorkDirectory, "models", name);

        log.WriteLine($"[1/5] Simulating {o.ArmEpisodes} arm and {o.PendulumEpisodes} pendulum episodes of {o.Steps} frames (seed {o.Seed}).");
        var armOptions = new SimulationOptions { System = RobotSystem.Arm, Episodes = o.ArmEpisodes, Steps = o.Steps, Seed = o.Seed };
        var armEpisodes = Simulator.Run(armOptions);
        var armInfo = RobotDataWriter.Write(Directory.CreateDirectory(DataDir(Arm)).FullName, armOptions, armEpisodes);
        RobotDataWriter.Write(Directory.CreateDirectory(DataDir(ArmStacked)).FullName, armOptions with { Stack = 2 }, armEpisodes);
        var pendulumOptions = new SimulationOptions { System = RobotSystem.Pendulum, Episodes = o.PendulumEpisodes, Steps = o.Steps, Seed = o.Seed };
        var pendulumEpisodes = Simulator.Run(pendulumOptions);
        var pendulumInfo = RobotDataWriter.Write(Directory.CreateDirectory(DataDir(Pendulum)).FullName, pendulumOptions, pendulumEpisodes);
        RobotDataWriter.Write(Directory.CreateDirectory(DataDir(PendulumStacked)).FullName, pendulumOptions with { Stack = 2 }, pendulumEpisodes);
        clock.Lap("simulate and render");

        var runs = new List<VaeRun>();
        var data = new Dictionary<string, RobotData>();
        foreach (var (name, latent, epochs) in new[] { (Arm, o.ArmLatent, o.ArmEpochs), (ArmStacked, o.ArmLatent, o.ArmEpochs), (Pendulum, o.PendulumLatent, o.PendulumEpochs), (PendulumStacked, o.PendulumLatent, o.PendulumEpochs) })
        {
            log.WriteLine($"[2/5] Training the convolutional VAE '{name}' (latent {latent}, {epochs} epochs).");
            data[name] = RobotData.Load(DataDir(name));
            var (training, reused) = TrainVae(ModelDir(name), data[name], latent, epochs, o, device, observer, cancel);
            clock.Lap(reused ? $"train VAE {name} (already trained: reused)" : $"train VAE {name}");
            if (cancel.IsCancellationRequested) throw new OperationCanceledException(cancel);
            log.WriteLine($"[3/5] Probing '{name}' against PCA with {latent} components.");
            runs.Add(Evaluate(name, ModelDir(name), data[name], training, device));
            clock.Lap($"probe {name}");
        }

        log.WriteLine("[4/5] Fitting latent dynamics models (context 1 and 2) and measuring open-loop errors.");
        var dynamics = new List<DynamicsRun>();
        var picturesList = new List<Picture>();
        foreach (var (name, contexts) in new[] { (Arm, new[] { 1, 2 }), (Pendulum, new[] { 2 }) })
        {
            using var loaded = ModelFolder.Load(ModelDir(name), device);
            var d = data[name];
            var train = LatentEpisodes.Encode(loaded.Model, d.Train, d.TrainStates, d.Info.Options, device);
            var test = LatentEpisodes.Encode(loaded.Model, d.Test, d.TestStates, d.Info.Options, device);
            foreach (int k in contexts)
            {
                var options = new DynamicsOptions { Context = k, Epochs = o.DynamicsEpochs, Seed = o.Seed + 1 };
                var (model, losses) = DynamicsTrainer.Fit(train, options, device);
                var errors = RolloutEvaluator.Evaluate(model, loaded.Model, test, d.Test, o.Horizon, FirstStart, Stride, device);
                dynamics.Add(new DynamicsRun($"{name} K={k}", name, k, losses[^1], errors));
                if (k == 2)
                {
                    DynamicsFolder.Save(ModelDir(name), model, d.Info.Options.EffectiveMaxTorque, Path.GetFullPath(DataDir(name)), losses);
                    var strip = DreamStrip.Render(model, loaded.Model, test, d.Test, 1, Enumerable.Range(0, Math.Min(3, test.Count)).ToList(), FirstStart, o.Horizon, device);
                    ImageGrid.Save(Path.Combine(pictures, $"dream-{name}.png"), strip.Images, strip.Shape, strip.Columns);
                    picturesList.Add(new($"dream-{name}.png", $"{Title(name)}: three held-out episodes. Odd rows: the real frames x(t0) … x(t0+{o.Horizon}) (t0 = {FirstStart}); even rows: the reconstruction of x(t0), then the dream — the context-2 dynamics model rolled out open loop with the recorded torques, decoded."));
                }
                model.Dispose();
            }
            clock.Lap($"dynamics {name}");
        }

        log.WriteLine("[5/5] Drawing pictures.");
        picturesList.InsertRange(0, DrawPictures(runs, data, dynamics, pictures, device));
        clock.Lap("pictures");
        return new ExperimentResult(o, armInfo, pendulumInfo, runs, dynamics, clock.Times, picturesList);
    }

    /// <summary>Open-loop windows start at t0 = 3, 8, 13, … so every model is measured on the same windows.</summary>
    public const int FirstStart = 3, Stride = 5;

    static (IReadOnlyList<EpochMetrics> Metrics, bool Reused) TrainVae(string modelDir, RobotData data, int latent, int epochs, ExperimentOptions o, Device device, ITrainingObserver? observer, CancellationToken cancel)
    {
        var config = new RunConfig
        {
            Model = ModelOptions.MnistConv with { Latent = latent, Likelihood = LikelihoodKind.Bernoulli },
            Data = new DataOptions { Source = DataSources.MnistSource(Path.GetFullPath(data.Directory)), ValidationSize = 0, Binarize = BinarizeMode.None },
            Objective = new ObjectiveOptions { Beta = o.Beta },
            Training = TrainingOptions.Default with { Epochs = epochs, BatchSize = o.BatchSize, LearningRate = o.LearningRate, Seed = o.Seed + 1 },
        };
        var splits = new DataSplits(data.Train, null, data.Test);
        config = Trainer.Resolve(config, splits);
        bool same = SameRun(modelDir, config, data);
        bool finished = same && ModelFolder.ReadState(modelDir) is { Finished: true } state && state.Epoch == epochs;
        using var trainer = same
            ? Trainer.Resume(modelDir, device, epochs, splits)
            : Trainer.Start(config, modelDir, device, overwrite: true, data: splits);
        if (!same) Directory.CreateDirectory(modelDir);
        if (!same) File.Copy(Path.Combine(data.Directory, SimulationInfo.FileName), Path.Combine(modelDir, SimulationInfo.FileName), overwrite: true);
        var result = trainer.Run(finished ? null : observer, cancel);
        return (result.Metrics, finished);
    }

    // A folder holding the same configuration (up to the number of epochs), trained on the same simulation, is continued instead of retrained.
    static bool SameRun(string modelDir, RunConfig config, RobotData data)
    {
        if (!File.Exists(Path.Combine(modelDir, ModelFolder.StateFile))) return false;
        string simulation = Path.Combine(modelDir, SimulationInfo.FileName);
        if (!File.Exists(simulation) || !File.ReadAllBytes(simulation).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(data.Directory, SimulationInfo.FileName)))) return false;
        var existing = ModelFolder.ReadConfig(modelDir);
        if (ModelFolder.ReadState(modelDir).Epoch > config.Training.Epochs) return false;
        string Key(RunConfig c) => JsonSerializer.Serialize(c with { Training = c.Training with { Epochs = 1 } }, Json.Line);
        return Key(existing) == Key(config);
    }

    static VaeRun Evaluate(string name, string modelDir, RobotData data, IReadOnlyList<EpochMetrics> metrics, Device device)
    {
        using var loaded = ModelFolder.Load(modelDir, device);
        var elbo = ElboEstimator.Estimate(loaded.Model, data.Test, device);
        var probe = StateProbe.Run(loaded.Model, data, device);
        var last = metrics[^1];
        return new VaeRun(name, data.Directory, modelDir, data.Train.Shape, data.Train.Count, data.Test.Count, loaded.Model.Latent, last.Epoch,
            last.TrainElbo, elbo.Elbo, elbo.Reconstruction, elbo.Kl, ActiveUnits(loaded.Model, data.Test, device), metrics.Sum(m => m.Seconds), probe);
    }

    /// <summary>Latent dimensions whose mean varies across frames: Var_x(μ_j(x)) &gt; 0.01 (Burda et al. 2016).</summary>
    public static int ActiveUnits(VaeModel model, Dataset frames, Device device)
    {
        var mean = Generation.Encode(model, frames, device).Mean;
        int d = model.Latent, n = frames.Count, active = 0;
        for (int j = 0; j < d; j++)
        {
            double s = 0, ss = 0;
            for (int i = 0; i < n; i++) { s += mean[i * d + j]; ss += (double)mean[i * d + j] * mean[i * d + j]; }
            if (ss / n - (s / n) * (s / n) > 0.01) active++;
        }
        return active;
    }

    static string Title(string name) => name switch { Arm => "Arm", ArmStacked => "Arm, two stacked frames", Pendulum => "Pendulum", _ => "Pendulum, two stacked frames" };

    static List<Picture> DrawPictures(List<VaeRun> runs, Dictionary<string, RobotData> data, List<DynamicsRun> dynamics, string dir, Device device)
    {
        var list = new List<Picture>();
        var arm = runs.Single(r => r.Name == Arm);
        var stacked = runs.Single(r => r.Name == ArmStacked);
        var pendulum = runs.Single(r => r.Name == Pendulum);
        var pendulumStacked = runs.Single(r => r.Name == PendulumStacked);
        RoboticsPlots.GroupedBars(Path.Combine(dir, "probe-arm.png"), "Arm: held-out R² of linear probes", "R²", arm.Probe.Variables,
            [($"VAE, 1 frame (d={arm.Latent})", arm.Probe.Vae), ($"PCA, 1 frame ({arm.Latent})", arm.Probe.Pca),
             ($"VAE, 2 frames (d={stacked.Latent})", stacked.Probe.Vae), ($"PCA, 2 frames ({stacked.Latent})", stacked.Probe.Pca)]);
        list.Add(new("probe-arm.png", "Arm: held-out R² of a linear probe from the VAE's latent means and from as many principal components, with one frame and with two stacked frames (bars below 0 are cut at −0.1)."));
        RoboticsPlots.GroupedBars(Path.Combine(dir, "probe-pendulum.png"), "Pendulum: held-out R² of linear probes", "R²", pendulum.Probe.Variables,
            [($"VAE, 1 frame (d={pendulum.Latent})", pendulum.Probe.Vae), ($"PCA, 1 frame ({pendulum.Latent})", pendulum.Probe.Pca),
             ($"VAE, 2 frames (d={pendulumStacked.Latent})", pendulumStacked.Probe.Vae), ($"PCA, 2 frames ({pendulumStacked.Latent})", pendulumStacked.Probe.Pca)]);
        list.Add(new("probe-pendulum.png", "Pendulum: held-out R² of a linear probe from the VAE's latent means and from as many principal components, with one frame and with two stacked frames."));

        foreach (var run in new[] { arm, pendulum })
        {
            using var loaded = ModelFolder.Load(run.ModelDirectory, device);
            var test = data[run.Name].Test;
            var t = TraversalFigure.Render(loaded.Model, test, 1, device);
            ImageGrid.Save(Path.Combine(dir, $"traversal-{run.Name}.png"), t.Images, t.Shape, t.Columns);
            list.Add(new($"traversal-{run.Name}.png", $"{Title(run.Name)}: latent traversals from the first held-out frame; each row sweeps one latent dimension from −2.5 to 2.5, rows by decreasing average KL ({string.Join(", ", t.Dimensions.Select((j, i) => $"z{j}: {t.Kl[i]:F2}"))} nats)."));
            var first = test.Take(12);
            var recon = Generation.Reconstruct(loaded.Model, first, device);
            ImageGrid.Save(Path.Combine(dir, $"recon-{run.Name}.png"), [.. first.Features, .. recon], first.Shape, 12);
            list.Add(new($"recon-{run.Name}.png", $"{Title(run.Name)}: the first 12 held-out frames (top) and their reconstructions E[x | z = μ(x)] (bottom)."));
        }

        var armDynamics = dynamics.Where(r => r.Vae == Arm).ToList();
        var baseline = armDynamics[0].Errors;
        RoboticsPlots.Horizon(Path.Combine(dir, "horizon-latent.png"), "Arm: open-loop error in latent space", "mean ‖ẑ − z‖²",
            [.. armDynamics.Select(r => ($"dynamics model, context {r.Context}", r.Errors.LatentModel)), ("no change (z_t)", baseline.LatentNoChange)]);
        list.Add(new("horizon-latent.png", $"Arm: squared distance between the predicted latent and the encoding of the true frame, against the horizon, over {baseline.Windows} held-out windows."));
        RoboticsPlots.Horizon(Path.Combine(dir, "horizon-pixels.png"), "Arm: open-loop error in decoded pixels", "squared error per frame",
            [.. armDynamics.Select(r => ($"dynamics model, context {r.Context}", r.Errors.PixelModel)), ("no change (decoded z_t)", baseline.PixelNoChange), ("floor (decoded true z)", baseline.PixelFloor)]);
        list.Add(new("horizon-pixels.png", "Arm: squared error per frame between the decoded prediction and the true frame, against the horizon; the floor decodes the encoding of the true frame."));
        return list;
    }
}
