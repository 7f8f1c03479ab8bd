
namespace Vae.Cli.Commands.Robotics;

/// <summary>Shared pieces of the robot commands: option-named validation errors and the command line as typed.</summary>
public static class RobotOptions
{
    static readonly Dictionary<string, string> OptionNames = new()
    {
        ["Episodes"] = "--episodes", ["Steps"] = "--steps", ["TestFraction"] = "--test-fraction", ["FrameInterval"] = "--dt",
        ["Substeps"] = "--substeps", ["MaxTorque"] = "--max-torque", ["Damping"] = "--damping", ["Gravity"] = "--gravity", ["Stack"] = "--stack", ["ImageSize"] = "--size",
        ["Context"] = "--context", ["Epochs"] = "--epochs", ["Unroll"] = "--unroll",
        ["ArmEpisodes"] = "--arm-episodes", ["PendulumEpisodes"] = "--pendulum-episodes", ["ArmEpochs"] = "--epochs", ["PendulumEpochs"] = "--pendulum-epochs",
        ["ArmLatent"] = "--latent", ["PendulumLatent"] = "--pendulum-latent", ["BatchSize"] = "--batch-size", ["Beta"] = "--beta",
        ["DynamicsEpochs"] = "--dynamics-epochs", ["Horizon"] = "--horizon",
    };

    /// <summary>Builds an options record, turning a validation error into a message naming the command-line option.</summary>
    public static T Guard<T>(Func<T> build) => OptionErrors.Guard(build, OptionNames);

    /// <summary>The command as typed, for reports: ./vae followed by the arguments (quoted where needed).</summary>
    public static string CommandLine(CommandContext context) =>
        "./vae " + string.Join(" ", context.Arguments.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));
}
