namespace Vae.Applications.Robotics;

/// <summary>
/// A planar rigid-body system driven by joint torques. Its state is [q₁ … q_J, q̇₁ … q̇_J]
/// (joint angles in radians, velocities in rad/s); positions are in metres with the base at the
/// origin and y pointing up (gravity along −y).
/// </summary>
public interface IRobotDynamics
{
    /// <summary>Number of joints J (the state has 2J values, the action J).</summary>
    int Joints { get; }

    /// <summary>Names of the joint angles as the state table spells them (e.g. q1, q2).</summary>
    IReadOnlyList<string> AngleNames { get; }

    /// <summary>Distance from the base to the farthest point the end effector can reach.</summary>
    double Reach { get; }

    /// <summary>d(state)/dt for the given state and joint torques τ (N·m).</summary>
    void Derivative(ReadOnlySpan<double> state, ReadOnlySpan<double> torque, Span<double> rate);

    /// <summary>Total mechanical energy (kinetic + gravitational potential), J.</summary>
    double Energy(ReadOnlySpan<double> state);

    /// <summary>Forward kinematics: the position of each joint after the base, in order; the last is the end effector.</summary>
    (double X, double Y)[] Kinematics(ReadOnlySpan<double> state);
}
