namespace Vae.Applications.Robotics;

/// <summary>
/// A point mass m on a massless rod of length L, θ measured from the downward vertical
/// (counter-clockwise positive): m L² θ̈ = −m g L sin θ − b θ̇ + τ.
/// Energy E = ½ m L² θ̇² − m g L cos θ.
/// </summary>
public sealed record PendulumDynamics : IRobotDynamics
{
    public double Mass { get; init; } = 1.0;
    public double Length { get; init; } = 1.0;
    public double Gravity { get; init; } = 9.81;
    /// <summary>Viscous damping at the pivot, N·m·s/rad.</summary>
    public double Damping { get; init; } = 0.1;

    public int Joints => 1;
    public IReadOnlyList<string> AngleNames { get; } = ["theta"];
    public double Reach => Length;

    public void Derivative(ReadOnlySpan<double> state, ReadOnlySpan<double> torque, Span<double> rate)
    {
        double theta = state[0], omega = state[1];
        double inertia = Mass * Length * Length;
        rate[0] = omega;
        rate[1] = (-Mass * Gravity * Length * Math.Sin(theta) - Damping * omega + torque[0]) / inertia;
    }

    public double Energy(ReadOnlySpan<double> state) =>
        0.5 * Mass * Length * Length * state[1] * state[1] - Mass * Gravity * Length * Math.Cos(state[0]);

    public (double X, double Y)[] Kinematics(ReadOnlySpan<double> state) =>
        [(Length * Math.Sin(state[0]), -Length * Math.Cos(state[0]))];
}
