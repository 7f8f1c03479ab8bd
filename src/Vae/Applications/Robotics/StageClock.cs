using System.Diagnostics;

namespace Vae.Applications.Robotics;

/// <summary>Measures wall-clock and process CPU time of consecutive stages.</summary>
public sealed class StageClock
{
    private readonly List<StageTime> times = [];
    private readonly Stopwatch wall = Stopwatch.StartNew();
    private TimeSpan cpuAtStart = Cpu();
    private double wallAtStart;

    public IReadOnlyList<StageTime> Times => times;

    /// <summary>Ends the current stage under <paramref name="name"/> and starts the next.</summary>
    public void Lap(string name)
    {
        var cpu = Cpu();
        double now = wall.Elapsed.TotalSeconds;
        times.Add(new StageTime(name, now - wallAtStart, (cpu - cpuAtStart).TotalSeconds));
        (cpuAtStart, wallAtStart) = (cpu, now);
    }

    static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
