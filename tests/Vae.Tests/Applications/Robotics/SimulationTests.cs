using Vae.Applications.Robotics;
using Vae.Data;

namespace Vae.Tests.Applications.Robotics;

public class SimulationTests : IDisposable
{
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    static SimulationOptions Small(int seed = 3) => new() { System = RobotSystem.Arm, Episodes = 5, Steps = 8, Seed = seed };

    static string Write(string dir, SimulationOptions options)
    {
        Directory.CreateDirectory(dir);
        RobotDataWriter.Write(dir, options, Simulator.Run(options));
        return dir;
    }

    static (float[] Train, float[] Test, string States) Contents(string dir) =>
        (IdxReader.Read(Path.Combine(dir, "train-images-idx3-ubyte.gz")).Values, IdxReader.Read(Path.Combine(dir, "t10k-images-idx3-ubyte.gz")).Values,
         File.ReadAllText(Path.Combine(dir, "states.csv")));

    [Fact]
    public void Simulation_With_A_Fixed_Seed_Is_Deterministic()
    {
        var a = Contents(Write(tmp.File("a"), Small()));
        var b = Contents(Write(tmp.File("b"), Small()));
        var c = Contents(Write(tmp.File("c"), Small(seed: 4)));
        Assert.Equal(a.States, b.States);
        Assert.Equal(a.Train, b.Train);
        Assert.Equal(a.Test, b.Test);
        Assert.NotEqual(a.States, c.States);
        Assert.NotEqual(a.Train, c.Train);
    }

    [Fact]
    public void An_Episode_Does_Not_Depend_On_How_Many_Episodes_Are_Simulated()
    {
        var few = Simulator.Run(Small() with { Episodes = 3 });
        var many = Simulator.Run(Small() with { Episodes = 9 });
        Assert.Equal(few[2].States.SelectMany(s => s), many[2].States.SelectMany(s => s));
        Assert.Equal(few[2].Actions.SelectMany(s => s), many[2].Actions.SelectMany(s => s));
    }

    [Fact]
    public void The_Folder_Reads_As_Mnist_With_One_State_Row_Per_Frame()
    {
        var options = Small();
        string dir = Write(tmp.File("arm"), options);
        var data = RobotData.Load(dir);
        Assert.Equal(DataShape.Image(1, 64, 64), data.Train.Shape);
        Assert.Equal(4 * 8, data.Train.Count);   // 5 episodes, one held out
        Assert.Equal(1 * 8, data.Test.Count);
        Assert.Equal(["q1", "q2", "dq1", "dq2", "tau1", "tau2"], data.TrainStates.Columns);
        Assert.Equal([4, 4, 4, 4, 4, 4, 4, 4], data.TestStates.Episodes);
        Assert.Equal(Enumerable.Range(0, 8), data.TestStates.Steps);
        // The states in the CSV are the simulated ones (angles wrapped to [−π, π]), and each frame is their picture.
        var episode = Simulator.Run(options)[4];
        using var renderer = new RobotRenderer(options.Dynamics(), 64, colour: false);
        for (int t = 0; t < 8; t++)
        {
            Assert.Equal(Math.IEEERemainder(episode.State(t)[0], 2 * Math.PI), data.TestStates.Column("q1")[t], 6);
            Assert.Equal(episode.State(t)[3], data.TestStates.Column("dq2")[t], 6);
            Assert.Equal(episode.Action(t)[1], data.TestStates.Column("tau2")[t], 6);
            Assert.Equal(renderer.Render(episode.State(t)).Select(b => b / 255f), data.Test.Row(t).ToArray());
        }
    }

    [Fact]
    public void Stacked_Examples_Hold_The_Previous_Frame_Then_The_Current_One()
    {
        var single = RobotData.Load(Write(tmp.File("one"), Small()));
        var stacked = RobotData.Load(Write(tmp.File("two"), Small() with { Stack = 2 }));
        Assert.Equal(DataShape.Image(2, 64, 64), stacked.Train.Shape);
        for (int t = 1; t < 8; t++)
        {
            var row = stacked.Train.Row(t);
            Assert.Equal(single.Train.Row(t - 1).ToArray(), row[..4096].ToArray());
            Assert.Equal(single.Train.Row(t).ToArray(), row[4096..].ToArray());
        }
    }

    [Fact]
    public void Colour_Frames_Have_Three_Channels_And_Torque_Modes_Behave_As_Documented()
    {
        var colour = RobotData.Load(Write(tmp.File("colour"), Small() with { Colour = true, Target = true }));
        Assert.Equal(DataShape.Image(3, 64, 64), colour.Train.Shape);
        Assert.Contains("target_x", colour.TrainStates.Columns);
        var none = Simulator.Run(Small() with { Torque = TorqueMode.None });
        Assert.All(none.SelectMany(e => e.Actions).SelectMany(a => a), v => Assert.Equal(0, v));
        var random = Simulator.Run(Small() with { Torque = TorqueMode.Random, HoldFrames = 4 })[0];
        Assert.Equal(random.Actions[0], random.Actions[3]);            // held for 4 frames
        Assert.NotEqual(random.Actions[3], random.Actions[4]);
        Assert.All(random.Actions.SelectMany(a => a), v => Assert.InRange(v, -20, 20));
    }
}
