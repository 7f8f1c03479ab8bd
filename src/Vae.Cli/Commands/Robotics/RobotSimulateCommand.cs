using Vae.Applications.Robotics;

namespace Vae.Cli.Commands.Robotics;

public sealed class RobotSimulateSettings : CommonSettings
{
    [CommandOption("--system <NAME>")]
    [Description("arm (planar two-link arm, default) or pendulum.")]
    [DefaultValue("arm")]
    public string System { get; init; } = "arm";

    [CommandOption("--episodes <N>")]
    [Description("Episodes in all (default 100); the last --test-fraction of them are held out as the t10k split.")]
    [DefaultValue(100)]
    public int Episodes { get; init; } = 100;

    [CommandOption("--steps <T>")]
    [Description("Frames per episode (default 50).")]
    [DefaultValue(50)]
    public int Steps { get; init; } = 50;

    [CommandOption("--seed <S>")]
    [Description("Seed of initial states, torques and targets; the same seed writes the same files (default 0).")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--test-fraction <F>")]
    [Description("Fraction of the episodes held out (default 0.2).")]
    [DefaultValue(0.2)]
    public double TestFraction { get; init; } = 0.2;

    [CommandOption("--torque <MODE>")]
    [Description("random (piecewise constant, default), sine (scripted) or none.")]
    [DefaultValue("random")]
    public string Torque { get; init; } = "random";

    [CommandOption("--max-torque <NM>")]
    [Description("Largest torque in N·m (default 3 for the pendulum, 20 for the arm).")]
    public double? MaxTorque { get; init; }

    [CommandOption("--damping <B>")]
    [Description("Joint damping in N·m·s/rad (default 0.1 pendulum, 1 arm).")]
    public double? Damping { get; init; }

    [CommandOption("--gravity <G>")]
    [Description("Gravity in m/s² (default 9.81 for the pendulum, 0 for the arm, which moves in a horizontal plane).")]
    public double? Gravity { get; init; }

    [CommandOption("--dt <SECONDS>")]
    [Description("Time between frames (default 0.05 s); each frame is 10 RK4 steps (--substeps).")]
    [DefaultValue(0.05)]
    public double FrameInterval { get; init; } = 0.05;

    [CommandOption("--substeps <N>")]
    [Description("RK4 steps per frame (default 10).")]
    [DefaultValue(10)]
    public int Substeps { get; init; } = 10;

    [CommandOption("--color|--colour")]
    [Description("Color images (3 channels) instead of gray (--colour is accepted too).")]
    public bool Color { get; init; }

    [CommandOption("--target")]
    [Description("Draw a target object at a random reachable position (fixed per episode).")]
    public bool Target { get; init; }

    [CommandOption("--stack <K>")]
    [Description("Stack frames t-K+1 … t as channels of one example (default 1; 2 makes velocities visible).")]
    [DefaultValue(1)]
    public int Stack { get; init; } = 1;

    [CommandOption("--size <PIXELS>")]
    [Description("Image width and height (default 64).")]
    [DefaultValue(64)]
    public int Size { get; init; } = 64;

    [CommandOption("--out <DIR>")]
    [Description("The data folder to write (required).")]
    public string? Out { get; init; }

    public SimulationOptions ToOptions() => RobotOptions.Guard(() => new SimulationOptions
    {
        System = Names.Parse<RobotSystem>(System, "--system"),
        Episodes = Episodes,
        Steps = Steps,
        Seed = Seed,
        TestFraction = TestFraction,
        Torque = Names.Parse<TorqueMode>(Torque, "--torque"),
        MaxTorque = MaxTorque,
        Damping = Damping,
        Gravity = Gravity,
        FrameInterval = FrameInterval,
        Substeps = Substeps,
        Colour = Color,
        Target = Target,
        Stack = Stack,
        ImageSize = Size,
    });
}

[Description("Simulate a pendulum or a two-link arm under random or scripted torques and write the rendered frames as an MNIST-format folder (train = training episodes, t10k = held-out episodes) with states.csv and simulation.json.")]
public sealed class RobotSimulateCommand(CliConsole console) : Command<RobotSimulateSettings>
{
    public override int Execute(CommandContext context, RobotSimulateSettings s, CancellationToken cancel)
    {
        string dir = s.Out ?? throw new VaeException("--out <DIR> is required (the data folder to write).");
        var options = s.ToOptions();
        var info = RobotDataWriter.Write(dir, options, Simulator.Run(options));
        console.WriteLine($"{dir}: {options.System.ToString().ToLowerInvariant()}, {options.TrainEpisodeCount} training episodes ({info.TrainFrames:N0} frames) and {options.TestEpisodeCount} held-out episodes ({info.TestFrames:N0} frames) of {info.ImageShape} images; RK4 with h = {info.IntegratorStep * 1000:G4} ms, a frame every {options.FrameInterval * 1000:G4} ms.");
        console.WriteLine($"  states.csv columns: {string.Join(", ", info.Columns)}");
        console.WriteLine($"  train a VAE on it: ./vae train --data mnist:{dir} --model conv --likelihood bernoulli --val-size 0 --out <model-dir>");
        return ExitCodes.Ok;
    }
}
