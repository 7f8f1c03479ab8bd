using Vae.Applications.Robotics;
using Vae.Runs;

namespace Vae.Cli.Commands.Robotics;

/// <summary>Finds the robot data folder of a command: --data, or the mnist: folder the model was trained on.</summary>
public static class RobotDataOption
{
    public static RobotData Load(string? data, RunConfig config)
    {
        string? dir = data;
        if (dir is null && config.Data.Source.StartsWith("mnist:", StringComparison.OrdinalIgnoreCase)) dir = config.Data.Source[6..];
        if (dir is null) throw new VaeException("--data <DIR> is required (a folder written by `./vae robot simulate`).");
        if (dir.StartsWith("mnist:", StringComparison.OrdinalIgnoreCase)) dir = dir[6..];
        return RobotData.Load(dir);
    }
}
