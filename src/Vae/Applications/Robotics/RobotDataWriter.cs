using System.Globalization;
using System.Text;
using System.Text.Json;
using Vae.Data;
using Vae.IO;

namespace Vae.Applications.Robotics;

/// <summary>
/// Writes simulated episodes as an MNIST-format folder — train-images-idx3-ubyte.gz (training
/// episodes) and t10k-images-idx3-ubyte.gz (held-out episodes), N×S×S bytes for one grey frame,
/// N×C×S×S otherwise — plus states.csv (one row per image, in the same order) and simulation.json.
/// With Stack = k, each example holds frames t−k+1 … t as consecutive channel groups (oldest first).
/// </summary>
public static class RobotDataWriter
{
    public static SimulationInfo Write(string directory, SimulationOptions options, IReadOnlyList<Episode> episodes)
    {
        var system = options.Dynamics();
        using var renderer = new RobotRenderer(system, options.ImageSize, options.Colour);
        var shape = DataShape.Image(renderer.Channels * options.Stack, options.ImageSize, options.ImageSize);
        var (angles, velocities, torques) = StateTable.Names(system);
        string[] columns = [.. angles, .. velocities, .. torques, .. options.Target ? new[] { "target_x", "target_y" } : []];
        var csv = new StringBuilder("split,episode,step,time," + string.Join(",", columns) + "\n");
        int[] counts = new int[2];
        foreach (bool test in new[] { false, true })
        {
            var split = episodes.Where(e => e.IsTest == test).ToList();
            int n = split.Sum(e => e.Steps);
            counts[test ? 1 : 0] = n;
            var pixels = new byte[(long)n * shape.Size];
            int row = 0;
            foreach (var episode in split)
            {
                var frames = RenderEpisode(renderer, episode);
                for (int t = 0; t < episode.Steps; t++, row++)
                {
                    for (int k = 0; k < options.Stack; k++)
                        frames[Episode.Warmup + t - options.Stack + 1 + k].CopyTo(pixels, (long)row * shape.Size + k * frames[0].Length);
                    AppendRow(csv, test, episode, t, options, system.Joints);
                }
            }
            int[] dims = shape.Channels == 1 ? [n, shape.Height, shape.Width] : [n, shape.Channels, shape.Height, shape.Width];
            IdxWriter.WriteFile(Path.Combine(directory, (test ? "t10k" : "train") + "-images-idx3-ubyte.gz"), dims, pixels);
        }
        AtomicFile.WriteAllText(Path.Combine(directory, SimulationInfo.StatesFile), csv.ToString());
        var info = new SimulationInfo
        {
            Options = options, Integrator = "rk4", IntegratorStep = options.IntegratorStep, PixelsPerMetre = renderer.PixelsPerMetre,
            ImageShape = shape, TrainFrames = counts[0], TestFrames = counts[1], Columns = columns,
        };
        AtomicFile.WriteAllText(Path.Combine(directory, SimulationInfo.FileName), JsonSerializer.Serialize(info, Json.Pretty));
        return info;
    }

    static byte[][] RenderEpisode(RobotRenderer renderer, Episode episode) =>
        episode.States.Select(s => renderer.Render(s, episode.Target)).ToArray();

    static void AppendRow(StringBuilder csv, bool test, Episode episode, int step, SimulationOptions options, int joints)
    {
        var inv = CultureInfo.InvariantCulture;
        var state = episode.State(step);
        var values = new List<double>();
        for (int j = 0; j < joints; j++) values.Add(Math.IEEERemainder(state[j], 2 * Math.PI));   // angles wrapped to [−π, π]
        for (int j = 0; j < joints; j++) values.Add(state[joints + j]);
        values.AddRange(episode.Action(step));
        if (episode.Target is var (x, y)) { values.Add(x); values.Add(y); }
        csv.Append(test ? "test" : "train").Append(',').Append(episode.Index.ToString(inv)).Append(',').Append(step.ToString(inv))
           .Append(',').Append((step * options.FrameInterval).ToString("G9", inv));
        foreach (double v in values) csv.Append(',').Append(v.ToString("G9", inv));
        csv.Append('\n');
    }
}
