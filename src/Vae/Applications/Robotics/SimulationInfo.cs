
namespace Vae.Applications.Robotics;

/// <summary>A data folder's simulation.json: the options that made it and what they imply.</summary>
public sealed record SimulationInfo
{
    public required SimulationOptions Options { get; init; }
    public required string Integrator { get; init; }
    public required double IntegratorStep { get; init; }
    public required double PixelsPerMetre { get; init; }
    public required DataShape ImageShape { get; init; }
    public required int TrainFrames { get; init; }
    public required int TestFrames { get; init; }
    /// <summary>The columns of states.csv after split, episode, step and time.</summary>
    public required string[] Columns { get; init; }

    public const string FileName = "simulation.json";
    public const string StatesFile = "states.csv";
}
