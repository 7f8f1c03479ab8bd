using Vae.Applications.Robotics;

namespace Vae.Cli.Commands.Robotics;

/// <summary>Finds the robot data folder of a command: --data, or the mnist: folder the model was trained on.</summary>
public static class RobotDataOption
{
    public static RobotData Load(string? data, RunConfig config)
    {
        string dir = data ?? DataSources.MnistDirectory(config.Data.Source)
            ?? throw new VaeException("--data <DIR> is required (a folder written by `./vae robot simulate`).");
        return RobotData.Load(DataSources.FolderOf(dir));
    }
}
