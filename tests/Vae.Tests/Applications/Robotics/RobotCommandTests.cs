using System.Text.Json;
using SkiaSharp;
using Vae.Tests.Cli;

namespace Vae.Tests.Applications.Robotics;

[Collection(ProcessWide.Name)]
public class RobotCommandTests : IDisposable
{
    private readonly TempDir tmp = new();
    private readonly OneTorchThread threads = new();

    public void Dispose()
    {
        threads.Dispose();
        tmp.Dispose();
    }

    [Fact]
    public void Simulate_Train_Probe_And_Dream_Work_From_The_Command_Line()
    {
        string data = tmp.File("pendulum"), model = tmp.File("model"), strip = tmp.File("strip.png");
        var sim = CliRunner.Run("robot", "simulate", "--system", "pendulum", "--episodes", "5", "--steps", "12", "--seed", "1", "--out", data);
        Assert.True(sim.ExitCode == 0, sim.Error + sim.Out);
        var train = CliRunner.Run("train", "--data", "mnist:" + data, "--model", "conv", "--latent", "3", "--hidden", "32", "--channels", "4,4,8,8",
            "--val-size", "0", "--epochs", "1", "--batch-size", "16", "--out", model);
        Assert.True(train.ExitCode == 0, train.Error + train.Out);

        var probe = CliRunner.Run("robot", "probe", model, "--json");
        Assert.True(probe.ExitCode == 0, probe.Error + probe.Out);
        using var doc = JsonDocument.Parse(probe.Out);
        Assert.Equal(["vae", "pca"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        foreach (var part in doc.RootElement.EnumerateObject())
        {
            Assert.Equal(["sin_theta", "cos_theta", "dtheta"], part.Value.EnumerateObject().Select(p => p.Name));
            Assert.All(part.Value.EnumerateObject(), p => Assert.True(p.Value.GetDouble() <= 1));
        }

        var dream = CliRunner.Run("robot", "dream", model, "--data", data, "--horizon", "4", "--episodes", "1", "--epochs", "2", "--out", strip, "--json");
        Assert.True(dream.ExitCode == 0, dream.Error + dream.Out);
        using var errors = JsonDocument.Parse(dream.Out);
        Assert.Equal(["horizon", "context", "windows", "latent_model", "latent_no_change", "pixel_model", "pixel_no_change", "pixel_floor"], errors.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(4, errors.RootElement.GetProperty("latent_model").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(model, "dynamics.dat")));
        using (var bitmap = SKBitmap.Decode(strip))
            Assert.Equal((5 * 130 + 2, 2 * 130 + 2), (bitmap.Width, bitmap.Height));   // 64×64 at scale 2 with 2 px padding: 130 px cells
        var again = CliRunner.Run("robot", "dream", model, "--data", data, "--horizon", "4", "--episodes", "1", "--out", strip);
        Assert.True(again.ExitCode == 0, again.Error + again.Out);
        Assert.Contains("Using the dynamics model", again.Error);
    }

    [Fact]
    public void Robot_Commands_Report_Bad_Input_In_One_Line()
    {
        var r = CliRunner.Run("robot", "simulate", "--system", "hexapod", "--out", tmp.File("x"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--system", r.Error);
        var missing = CliRunner.Run("robot", "simulate", "--episodes", "1", "--out", tmp.File("y"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--episodes", missing.Error);
    }

    [Fact]
    public void Experiment_Runs_End_To_End_On_A_Tiny_Configuration_And_Writes_The_Report()
    {
        string report = tmp.File("robotics.md");
        var r = CliRunner.Run("robot", "experiment", "--out", tmp.File("work"), "--report", report, "--arm-episodes", "4", "--pendulum-episodes", "4",
            "--steps", "10", "--epochs", "1", "--pendulum-epochs", "1", "--latent", "3", "--pendulum-latent", "2", "--dynamics-epochs", "1", "--horizon", "3");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        string text = File.ReadAllText(report);
        Assert.Contains("sin_q1+q2", text);
        Assert.Contains("./vae robot experiment --out", text);
        foreach (var png in new[] { "probe-arm.png", "probe-pendulum.png", "horizon-latent.png", "horizon-pixels.png", "dream-arm.png", "traversal-arm.png", "recon-pendulum.png" })
        {
            Assert.True(File.Exists(Path.Combine(tmp.File("robotics"), png)), png);
            Assert.Contains($"(robotics/{png})", text);
        }
    }
}
