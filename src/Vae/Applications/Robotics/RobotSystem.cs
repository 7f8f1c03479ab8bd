namespace Vae.Applications.Robotics;

/// <summary>The simulated systems.</summary>
public enum RobotSystem
{
    /// <summary>A planar two-link arm with a motor at each joint (by default in a horizontal plane, like a SCARA robot).</summary>
    Arm,
    /// <summary>A simple pendulum with a motor at its pivot (the smaller case).</summary>
    Pendulum,
}
