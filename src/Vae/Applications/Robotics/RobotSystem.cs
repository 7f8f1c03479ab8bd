namespace Vae.Applications.Robotics;

/// <summary>The simulated systems.</summary>
public enum RobotSystem
{
    /// <summary>A planar two-link arm in a vertical plane (a double pendulum with joint motors).</summary>
    Arm,
    /// <summary>A simple pendulum with a motor at its pivot (the smaller case).</summary>
    Pendulum,
}
