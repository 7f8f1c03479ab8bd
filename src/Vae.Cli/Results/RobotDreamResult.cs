using Vae.Applications.Robotics;

namespace Vae.Cli.Results;

/// <summary>The `vae robot dream --json` object: open-loop errors per horizon step.</summary>
public sealed record RobotDreamResult(
    int Horizon, int Context, int Windows, double[] LatentModel, double[] LatentNoChange, double[] PixelModel, double[] PixelNoChange, double[] PixelFloor)
{
    public static RobotDreamResult From(int horizon, int context, RolloutErrors e) =>
        new(horizon, context, e.Windows, e.LatentModel, e.LatentNoChange, e.PixelModel, e.PixelNoChange, e.PixelFloor);
}
