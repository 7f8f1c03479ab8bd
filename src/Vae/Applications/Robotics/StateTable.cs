namespace Vae.Applications.Robotics;

/// <summary>
/// The true state behind each frame of one split: episode, step, and the named columns of states.csv
/// (joint angles, their velocities d&lt;angle&gt;, the torques tau…, and the target position when drawn).
/// </summary>
public sealed class StateTable
{
    public StateTable(IReadOnlyList<string> columns, int[] episodes, int[] steps, double[][] values)
    {
        if (values.Length != columns.Count) throw new ArgumentException($"{values.Length} value columns for {columns.Count} names.", nameof(values));
        if (steps.Length != episodes.Length || values.Any(v => v.Length != episodes.Length))
            throw new ArgumentException("every column must have one value per row.", nameof(values));
        Columns = columns;
        Episodes = episodes;
        Steps = steps;
        Values = values;
    }

    public IReadOnlyList<string> Columns { get; }
    public int[] Episodes { get; }
    public int[] Steps { get; }
    /// <summary>One array per column, one value per row.</summary>
    public double[][] Values { get; }
    public int Count => Episodes.Length;

    public double[] Column(string name)
    {
        for (int i = 0; i < Columns.Count; i++) if (Columns[i] == name) return Values[i];
        throw new VaeException($"states.csv: no column '{name}' (columns: {string.Join(", ", Columns)}).");
    }

    /// <summary>The first <paramref name="n"/> rows (all when n ≥ Count).</summary>
    public StateTable Take(int n) => n >= Count ? this : new StateTable(Columns, Episodes[..n], Steps[..n], Values.Select(v => v[..n]).ToArray());

    /// <summary>Row ranges [start, start + length) of each episode, in order of appearance.</summary>
    public IReadOnlyList<(int Episode, int Start, int Length)> EpisodeRanges()
    {
        var ranges = new List<(int, int, int)>();
        int start = 0;
        for (int i = 1; i <= Count; i++)
            if (i == Count || Episodes[i] != Episodes[start])
            {
                ranges.Add((Episodes[start], start, i - start));
                start = i;
            }
        return ranges;
    }

    /// <summary>The state columns for a system: angles, then velocities, then torques.</summary>
    public static (string[] Angles, string[] Velocities, string[] Torques) Names(IRobotDynamics system)
    {
        var angles = system.AngleNames.ToArray();
        var torques = angles.Length == 1 ? new[] { "tau" } : Enumerable.Range(1, angles.Length).Select(i => $"tau{i}").ToArray();
        return (angles, angles.Select(a => "d" + a).ToArray(), torques);
    }
}
