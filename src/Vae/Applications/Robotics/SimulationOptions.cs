using System.Text.Json.Serialization;

namespace Vae.Applications.Robotics;

/// <summary>
/// What to simulate and how to render it. The frame interval is split into <see cref="Substeps"/>
/// RK4 steps of h = FrameInterval / Substeps; the torque is held constant over a frame.
/// Stored in a data folder's simulation.json.
/// </summary>
public sealed record SimulationOptions
{
    public RobotSystem System { get; init; } = RobotSystem.Arm;

    /// <summary>Episodes in all; the last <see cref="TestEpisodes"/> of them form the held-out (t10k) split.</summary>
    public int Episodes { get; init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(Episodes), value, "Episodes: at least 2 (one for training, one held out)."); } = 100;

    /// <summary>Frames recorded per episode.</summary>
    public int Steps { get; init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(Steps), value, "Steps: at least 2 frames per episode."); } = 50;

    public int Seed { get; init; }

    /// <summary>Fraction of the episodes held out (rounded, at least one, leaving at least one for training).</summary>
    public double TestFraction { get; init => field = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(TestFraction), value, "TestFraction: must be in (0, 1)."); } = 0.2;

    /// <summary>Seconds between frames.</summary>
    public double FrameInterval { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(FrameInterval), value, "FrameInterval: must be > 0."); } = 0.05;

    /// <summary>RK4 steps per frame.</summary>
    public int Substeps { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Substeps), value, "Substeps: must be ≥ 1."); } = 10;

    public TorqueMode Torque { get; init; } = TorqueMode.Random;

    /// <summary>Largest torque magnitude, N·m; null for the system's default (3 for the pendulum, 20 for the arm).</summary>
    public double? MaxTorque { get; init => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxTorque), value, "MaxTorque: must be ≥ 0."); }

    /// <summary>Random torques: frames each draw is held for.</summary>
    public int HoldFrames { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(HoldFrames), value, "HoldFrames: must be ≥ 1."); } = 5;

    /// <summary>Joint damping, N·m·s/rad; null for the system's default (0.1 pendulum, 1 arm).</summary>
    public double? Damping { get; init => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Damping), value, "Damping: must be ≥ 0."); }

    /// <summary>Gravity, m/s²; null for the system's default (9.81 for the pendulum, 0 for the arm, which moves in a horizontal plane).</summary>
    public double? Gravity { get; init => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Gravity), value, "Gravity: must be ≥ 0."); }

    /// <summary>Initial joint velocities are uniform in ±InitialSpeed rad/s (angles are uniform on the circle).</summary>
    public double InitialSpeed { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(InitialSpeed), value, "InitialSpeed: must be ≥ 0."); } = 1.0;

    /// <summary>Image height and width in pixels (even, ≥ 8).</summary>
    public int ImageSize { get; init => field = value >= 8 && value % 2 == 0 ? value : throw new ArgumentOutOfRangeException(nameof(ImageSize), value, "ImageSize: an even number ≥ 8."); } = 64;

    /// <summary>Colour (3 channels) instead of grey.</summary>
    public bool Colour { get; init; }

    /// <summary>Draw a target object (a square at a random reachable position, fixed per episode).</summary>
    public bool Target { get; init; }

    /// <summary>Frames per example: 1, or k to stack frames t−k+1 … t as channels (so velocities become visible).</summary>
    public int Stack { get; init => field = value is >= 1 and <= MaxStack ? value : throw new ArgumentOutOfRangeException(nameof(Stack), value, $"Stack: 1 to {MaxStack} frames."); } = 1;

    /// <summary>Frames simulated before step 0 of every episode, so stacked examples always have their earlier frames.</summary>
    public const int MaxStack = 4;

    [JsonIgnore]
    public int TestEpisodeCount => Math.Clamp((int)Math.Round(Episodes * TestFraction), 1, Episodes - 1);

    [JsonIgnore]
    public int TrainEpisodeCount => Episodes - TestEpisodeCount;

    [JsonIgnore]
    public double IntegratorStep => FrameInterval / Substeps;

    [JsonIgnore]
    public double EffectiveMaxTorque => MaxTorque ?? (System == RobotSystem.Pendulum ? 3.0 : 20.0);

    /// <summary>The dynamics these options describe.</summary>
    public IRobotDynamics Dynamics()
    {
        if (System == RobotSystem.Pendulum)
        {
            var pendulum = new PendulumDynamics();
            return pendulum with { Damping = Damping ?? pendulum.Damping, Gravity = Gravity ?? pendulum.Gravity };
        }
        var arm = new TwoLinkArmDynamics();
        return arm with { Damping = Damping ?? arm.Damping, Gravity = Gravity ?? arm.Gravity };
    }
}
