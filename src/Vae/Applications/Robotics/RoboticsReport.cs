using System.Globalization;
using System.Text;
using Vae.Training;

namespace Vae.Applications.Robotics;

/// <summary>Writes the experiment's results as Markdown (docs/results/robotics.md), every number beside the command that made it.</summary>
public static class RoboticsReport
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(ExperimentResult r, string command, int threads)
    {
        var o = r.Options;
        var sb = new StringBuilder();
        string pictures = Path.GetFileName(RoboticsExperiment.PicturesDirectory(o.ReportPath));
        double cpu = r.Times.Sum(t => t.CpuSeconds), wall = r.Times.Sum(t => t.WallSeconds);
        var arm = r.Vae(RoboticsExperiment.Arm);
        var stacked = r.Vae(RoboticsExperiment.ArmStacked);
        var pendulum = r.Vae(RoboticsExperiment.Pendulum);
        void L(string line = "") => sb.AppendLine(line);
        string F(double v, int digits = 3) => v.ToString("F" + digits, Inv);

        L("# Robotics: a world-model VAE that learns the state of a simulated robot from pixels");
        L();
        L($"Measured {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", Inv)} UTC with");
        L();
        L("```sh");
        L(command);
        L("```");
        L();
        L($"Machine: {RunEnvironment.CpuName()}, {Environment.ProcessorCount} cores visible (shared with other jobs while this ran), {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, libtorch threads {threads}.");
        L($"The whole run took {F(cpu / 60, 1)} CPU-minutes ({F(wall / 60, 1)} minutes of wall-clock time); per stage:");
        L();
        L("| stage | wall s | CPU s |");
        L("|---|---|---|");
        foreach (var t in r.Times) L($"| {t.Stage} | {F(t.WallSeconds, 0)} | {F(t.CpuSeconds, 0)} |");
        L();
        Setup(sb, r);
        L("## Probes: how much of the true state a linear read-out finds");
        L();
        L($"A linear regression (least squares with intercept) from the latent means μ(x) to each state variable is fitted on the training episodes and scored by R² on the held-out episodes; PCA gets the same probe on as many principal components of the pixels (fitted on up to {StateProbe.PcaRows:N0} training frames). `q1+q2` is the absolute angle of link 2, which a picture shows directly; `q2` is the angle between the links. Velocities `dq1`, `dq2` (rad/s).");
        L();
        L("Linear probe, held-out R²:");
        L();
        L("| variable | arm VAE, 1 frame | arm PCA, 1 frame | arm VAE, 2 frames | arm PCA, 2 frames |");
        L("|---|---|---|---|---|");
        for (int i = 0; i < arm.Probe.Variables.Length; i++)
            L($"| {arm.Probe.Variables[i]} | {F(arm.Probe.Vae[i])} | {F(arm.Probe.Pca[i])} | {F(stacked.Probe.Vae[i])} | {F(stacked.Probe.Pca[i])} |");
        L();
        L($"{StateProbe.Neighbours}-nearest-neighbour probe on the same features (is the variable there at all, linearly or not?), held-out R²:");
        L();
        L("| variable | arm VAE, 1 frame | arm PCA, 1 frame | arm VAE, 2 frames | arm PCA, 2 frames |");
        L("|---|---|---|---|---|");
        for (int i = 0; i < arm.Probe.Variables.Length; i++)
            L($"| {arm.Probe.Variables[i]} | {F(arm.Probe.VaeKnn[i])} | {F(arm.Probe.PcaKnn[i])} | {F(stacked.Probe.VaeKnn[i])} | {F(stacked.Probe.PcaKnn[i])} |");
        L();
        L("Pendulum, held-out R²:");
        L();
        L("| variable | VAE, linear | PCA, linear | VAE, nearest neighbours | PCA, nearest neighbours |");
        L("|---|---|---|---|---|");
        for (int i = 0; i < pendulum.Probe.Variables.Length; i++)
            L($"| {pendulum.Probe.Variables[i]} | {F(pendulum.Probe.Vae[i])} | {F(pendulum.Probe.Pca[i])} | {F(pendulum.Probe.VaeKnn[i])} | {F(pendulum.Probe.PcaKnn[i])} |");
        L();
        L($"The same numbers for one model: `./vae robot probe {Rel(arm.ModelDirectory)} --data {Rel(arm.DataDirectory)} --json`.");
        L();
        L("## The VAEs");
        L();
        L("| model | images | train / held-out frames | latent d | active units | epochs | train −ELBO | held-out −ELBO | held-out reconstruction | held-out KL | training s |");
        L("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var v in r.Vaes)
            L($"| {v.Name} | {v.Shape} | {v.TrainFrames:N0} / {v.TestFrames:N0} | {v.Latent} | {v.ActiveUnits} | {v.Epochs} | {F(-v.TrainElbo, 1)} | {F(-v.TestElbo, 1)} | {F(v.TestReconstruction, 1)} | {F(v.TestKl, 2)} | {F(v.TrainSeconds, 0)} |");
        L();
        L("Nats per frame; active units have Var_x(μ_j(x)) > 0.01 on the held-out frames.");
        L();
        Dynamics(sb, r);
        L("## Pictures");
        L();
        foreach (var p in r.Pictures)
        {
            L($"![{p.File}]({pictures}/{p.File})");
            L();
            L(p.Caption);
            L();
        }
        Reproduce(sb, r);
        return sb.ToString();
    }

    static void Setup(StringBuilder sb, ExperimentResult r)
    {
        var o = r.Options;
        var a = r.Arm.Options;
        var arm = (TwoLinkArmDynamics)r.Arm.Options.Dynamics();
        var pendulum = (PendulumDynamics)r.Pendulum.Options.Dynamics();
        sb.AppendLine("## Setup");
        sb.AppendLine();
        sb.AppendLine(string.Create(Inv, $"- **Arm**: planar two-link arm {(arm.Gravity == 0 ? "in a horizontal plane (g = 0, like a SCARA robot)" : $"in a vertical plane (g = {arm.Gravity} m/s²)")}, point masses {arm.Mass1} kg at the elbow and {arm.Mass2} kg at the hand, links {arm.Length1} m and {arm.Length2} m, joint damping {arm.Damping} N·m·s/rad; manipulator equation M(q)q̈ + C(q, q̇)q̇ + G(q) = τ − bq̇ (see `TwoLinkArmDynamics`)."));
        sb.AppendLine(string.Create(Inv, $"- **Pendulum**: point mass {pendulum.Mass} kg on a {pendulum.Length} m rod, g = {pendulum.Gravity} m/s², damping {pendulum.Damping} N·m·s/rad."));
        sb.AppendLine(string.Create(Inv, $"- **Integration**: classical RK4 with h = {r.Arm.IntegratorStep * 1000:G4} ms ({a.Substeps} steps per frame), a frame every {a.FrameInterval * 1000:G4} ms; torques held constant over a frame. Unforced and undamped, the pendulum's relative energy error is below 1e-8 over 20 s at this step (tested)."));
        sb.AppendLine(string.Create(Inv, $"- **Episodes**: initial angles uniform on the circle, velocities uniform in ±{a.InitialSpeed} rad/s; random torques uniform in ±{a.EffectiveMaxTorque} N·m (arm) and ±{r.Pendulum.Options.EffectiveMaxTorque} N·m (pendulum) per joint, redrawn every {a.HoldFrames} frames. Arm: {a.Episodes} episodes ({a.TrainEpisodeCount} training, {a.TestEpisodeCount} held out) of {a.Steps} frames; pendulum: {r.Pendulum.Options.Episodes} episodes ({r.Pendulum.Options.TrainEpisodeCount} / {r.Pendulum.Options.TestEpisodeCount}); seed {a.Seed}."));
        sb.AppendLine(string.Create(Inv, $"- **Images**: {a.ImageSize}×{a.ImageSize} grey, drawn with SkiaSharp without anti-aliasing (binary pixels): links {RobotRenderer.LinkWidth} px wide, elbow disk radius {RobotRenderer.ElbowRadius} px, hand disk radius {RobotRenderer.HandRadius} px; base at the image centre, {r.Arm.PixelsPerMetre:F2} px/m (arm), {r.Pendulum.PixelsPerMetre:F2} px/m (pendulum). The two-frame data set stacks frames t−1 and t as 2 channels of the same episodes."));
        sb.AppendLine(string.Create(Inv, $"- **VAE**: the toolkit's 64×64 convolutional VAE (four 4×4 stride-2 convolutions with 32, 32, 64, 64 channels, a dense layer of 256, mirrored decoder), Bernoulli likelihood, β = {o.Beta}, Adam {o.LearningRate}, batch {o.BatchSize}, {o.ArmEpochs} epochs (arm, latent {o.ArmLatent}) and {o.PendulumEpochs} epochs (pendulum, latent {o.PendulumLatent}), seed {o.Seed + 1}. Episode and epoch counts are chosen so that the whole run stays within about 20 CPU-minutes on this shared 2-core machine; more epochs improve every number below."));
        sb.AppendLine(string.Create(Inv, $"- **Latent dynamics**: an MLP (256-256, ELU) predicting z_(t+1) = z_t + f(z_(t−K+1), …, z_t, a_t) with a_t the torques divided by the largest torque, trained with Adam 1e-3 for {o.DynamicsEpochs} epochs on 4-step open-loop unrolls of the training episodes' latent means; K = 1 is the Markov form z_(t+1) = f(z_t, a_t), K = 2 gives the model two frames to see velocities."));
        sb.AppendLine();
    }

    static void Dynamics(StringBuilder sb, ExperimentResult r)
    {
        var o = r.Options;
        var armRuns = r.Dynamics.Where(d => d.Vae == RoboticsExperiment.Arm).ToList();
        var pendulumRuns = r.Dynamics.Where(d => d.Vae == RoboticsExperiment.Pendulum).ToList();
        var horizons = new[] { 1, 2, 5, 10, 15, 20 }.Where(h => h <= o.Horizon).ToArray();
        string F(double v, int digits) => v.ToString("F" + digits, Inv);
        sb.AppendLine("## Latent dynamics: open-loop prediction against the horizon");
        sb.AppendLine();
        sb.AppendLine($"From the true latents of frames t0−K+1 … t0 of a held-out episode (t0 = {RoboticsExperiment.FirstStart}, {RoboticsExperiment.FirstStart + RoboticsExperiment.Stride}, … every {RoboticsExperiment.Stride} steps; {armRuns[0].Errors.Windows} windows for the arm), the model is rolled out with the recorded torques, feeding its predictions back. Latent error: mean ‖ẑ_(t0+k) − μ(x_(t0+k))‖²; pixel error: squared error summed over the frame between the decoded prediction and the true (binary) frame, about the number of wrong pixels. \"No change\" predicts z_(t0) for every k; the floor decodes μ(x_(t0+k)) itself.");
        sb.AppendLine();
        sb.AppendLine("| horizon k | " + string.Join(" | ", armRuns.Select(d => $"latent, {d.Name}")) + " | latent, no change | " + string.Join(" | ", armRuns.Select(d => $"pixels, {d.Name}")) + " | pixels, no change | pixels, floor |");
        sb.AppendLine("|---" + string.Concat(Enumerable.Repeat("|---", 2 * armRuns.Count + 3)) + "|");
        var e0 = armRuns[0].Errors;
        foreach (int h in horizons)
            sb.AppendLine($"| {h} | " + string.Join(" | ", armRuns.Select(d => F(d.Errors.LatentModel[h - 1], 3))) + $" | {F(e0.LatentNoChange[h - 1], 3)} | "
                + string.Join(" | ", armRuns.Select(d => F(d.Errors.PixelModel[h - 1], 1))) + $" | {F(e0.PixelNoChange[h - 1], 1)} | {F(e0.PixelFloor[h - 1], 1)} |");
        sb.AppendLine();
        foreach (var p in pendulumRuns)
        {
            var e = p.Errors;
            sb.AppendLine($"Pendulum (context {p.Context}, {e.Windows} windows): latent error " + string.Join(", ", horizons.Select(h => $"k={h}: {F(e.LatentModel[h - 1], 3)} (no change {F(e.LatentNoChange[h - 1], 3)})"))
                + "; pixel error " + string.Join(", ", horizons.Select(h => $"k={h}: {F(e.PixelModel[h - 1], 1)} (no change {F(e.PixelNoChange[h - 1], 1)}, floor {F(e.PixelFloor[h - 1], 1)})")) + ".");
            sb.AppendLine();
        }
        sb.AppendLine($"The same measurement for one model, with its dream strip: `./vae robot dream {Rel(r.Vae(RoboticsExperiment.Arm).ModelDirectory)} --horizon {o.Horizon} --out strip.png` (it reuses the context-2 model the experiment kept in the model folder as dynamics.dat).");
        sb.AppendLine();
    }

    static void Reproduce(StringBuilder sb, ExperimentResult r)
    {
        var o = r.Options;
        var a = r.Arm.Options;
        string data = Rel(r.Vae(RoboticsExperiment.Arm).DataDirectory), model = Rel(r.Vae(RoboticsExperiment.Arm).ModelDirectory);
        sb.AppendLine("## The same steps one command at a time");
        sb.AppendLine();
        sb.AppendLine("```sh");
        sb.AppendLine($"./vae robot simulate --system arm --episodes {a.Episodes} --steps {a.Steps} --seed {a.Seed} --out {data}");
        sb.AppendLine(string.Create(Inv, $"./vae train --data mnist:{data} --model conv --latent {o.ArmLatent} --likelihood bernoulli --binarize none --val-size 0 --epochs {o.ArmEpochs} --batch-size {o.BatchSize} --lr {o.LearningRate} --beta {o.Beta} --seed {o.Seed + 1} --out {model}"));
        sb.AppendLine($"./vae robot probe {model} --data {data}");
        sb.AppendLine($"./vae robot dream {model} --data {data} --horizon {o.Horizon} --context 2 --epochs {o.DynamicsEpochs} --seed {o.Seed + 1} --out strip.png");
        sb.AppendLine($"./vae robot simulate --system arm --episodes {a.Episodes} --steps {a.Steps} --seed {a.Seed} --stack 2 --out {data}-stack2   # two frames per example");
        sb.AppendLine("```");
        sb.AppendLine();
    }

    static string Rel(string path)
    {
        string rel = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return rel.StartsWith("..", StringComparison.Ordinal) ? path : rel;
    }
}
