namespace Vae.Applications.Robotics;

/// <summary>
/// The state variables a probe predicts: sin and cos of every joint angle (angles wrap, their sine
/// and cosine do not), and every joint velocity. For the arm also sin and cos of q1+q2, the absolute
/// angle of link 2, which is what a picture shows directly (q2 is the angle between the links).
/// </summary>
public static class ProbeTargets
{
    public static string[] Names(IRobotDynamics system)
    {
        var (angles, velocities, _) = StateTable.Names(system);
        var names = new List<string>();
        foreach (var a in Angles(angles)) names.AddRange([$"sin_{a}", $"cos_{a}"]);
        names.AddRange(velocities);
        return names.ToArray();
    }

    /// <summary>The targets of every row: N×m row-major, in the order of <see cref="Names"/>.</summary>
    public static double[] Values(StateTable states, IRobotDynamics system)
    {
        var (angles, velocities, _) = StateTable.Names(system);
        var columns = new List<double[]>();
        foreach (var a in Angles(angles))
        {
            var angle = AngleColumn(states, a);
            columns.Add(angle.Select(Math.Sin).ToArray());
            columns.Add(angle.Select(Math.Cos).ToArray());
        }
        columns.AddRange(velocities.Select(states.Column));
        int n = states.Count, m = columns.Count;
        var result = new double[n * m];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < m; c++) result[i * m + c] = columns[c][i];
        return result;
    }

    static IEnumerable<string> Angles(string[] joints) => joints.Length == 2 ? [.. joints, $"{joints[0]}+{joints[1]}"] : joints;

    static double[] AngleColumn(StateTable states, string name)
    {
        var parts = name.Split('+');
        if (parts.Length == 1) return states.Column(name);
        var (a, b) = (states.Column(parts[0]), states.Column(parts[1]));
        return a.Select((v, i) => v + b[i]).ToArray();
    }
}
