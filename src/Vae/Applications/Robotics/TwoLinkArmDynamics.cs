namespace Vae.Applications.Robotics;

/// <summary>
/// A planar two-link arm with point masses m₁ at the elbow and m₂ at the hand
/// and massless links of lengths l₁, l₂. q₁ is the angle of link 1 from the +x axis, q₂ the angle of
/// link 2 relative to link 1 (both counter-clockwise). The manipulator equation
/// M(q) q̈ + C(q, q̇) q̇ + G(q) = τ − b q̇ with
/// M₁₁ = m₁l₁² + m₂(l₁² + l₂² + 2l₁l₂ cos q₂), M₁₂ = m₂(l₂² + l₁l₂ cos q₂), M₂₂ = m₂l₂²,
/// C q̇ = h·[−(2q̇₁q̇₂ + q̇₂²), q̇₁²] with h = m₂l₁l₂ sin q₂,
/// G = [(m₁+m₂) g l₁ cos q₁ + m₂ g l₂ cos(q₁+q₂), m₂ g l₂ cos(q₁+q₂)].
/// Energy E = ½ q̇ᵀM q̇ + (m₁+m₂) g l₁ sin q₁ + m₂ g l₂ sin(q₁+q₂).
/// By default the arm moves in a horizontal plane (g = 0, like a SCARA robot), so random torques
/// carry it over all configurations; give <see cref="Gravity"/> for an arm in a vertical plane
/// (gravity along −y).
/// </summary>
public sealed record TwoLinkArmDynamics : IRobotDynamics
{
    public double Mass1 { get; init; } = 1.0;
    public double Mass2 { get; init; } = 1.0;
    public double Length1 { get; init; } = 1.0;
    public double Length2 { get; init; } = 0.8;
    public double Gravity { get; init; }
    /// <summary>Viscous damping at each joint, N·m·s/rad.</summary>
    public double Damping { get; init; } = 1.0;

    public int Joints => 2;
    public IReadOnlyList<string> AngleNames { get; } = ["q1", "q2"];
    public double Reach => Length1 + Length2;

    public void Derivative(ReadOnlySpan<double> state, ReadOnlySpan<double> torque, Span<double> rate)
    {
        double q1 = state[0], q2 = state[1], w1 = state[2], w2 = state[3];
        var (m1, m2, l1, l2, g) = (Mass1, Mass2, Length1, Length2, Gravity);
        double c2 = Math.Cos(q2), h = m2 * l1 * l2 * Math.Sin(q2);
        double a = m1 * l1 * l1 + m2 * (l1 * l1 + l2 * l2 + 2 * l1 * l2 * c2);
        double b = m2 * (l2 * l2 + l1 * l2 * c2);
        double d = m2 * l2 * l2;
        double g1 = (m1 + m2) * g * l1 * Math.Cos(q1) + m2 * g * l2 * Math.Cos(q1 + q2);
        double g2 = m2 * g * l2 * Math.Cos(q1 + q2);
        double f1 = torque[0] - Damping * w1 + h * (2 * w1 * w2 + w2 * w2) - g1;
        double f2 = torque[1] - Damping * w2 - h * w1 * w1 - g2;
        double det = a * d - b * b;                       // > 0: M is positive definite
        rate[0] = w1;
        rate[1] = w2;
        rate[2] = (d * f1 - b * f2) / det;
        rate[3] = (a * f2 - b * f1) / det;
    }

    public double Energy(ReadOnlySpan<double> state)
    {
        double q1 = state[0], q2 = state[1], w1 = state[2], w2 = state[3];
        var (m1, m2, l1, l2, g) = (Mass1, Mass2, Length1, Length2, Gravity);
        double c2 = Math.Cos(q2);
        double a = m1 * l1 * l1 + m2 * (l1 * l1 + l2 * l2 + 2 * l1 * l2 * c2);
        double b = m2 * (l2 * l2 + l1 * l2 * c2);
        double d = m2 * l2 * l2;
        double kinetic = 0.5 * (a * w1 * w1 + 2 * b * w1 * w2 + d * w2 * w2);
        return kinetic + (m1 + m2) * g * l1 * Math.Sin(q1) + m2 * g * l2 * Math.Sin(q1 + q2);
    }

    public (double X, double Y)[] Kinematics(ReadOnlySpan<double> state)
    {
        double q1 = state[0], q12 = state[0] + state[1];
        var elbow = (Length1 * Math.Cos(q1), Length1 * Math.Sin(q1));
        return [elbow, (elbow.Item1 + Length2 * Math.Cos(q12), elbow.Item2 + Length2 * Math.Sin(q12))];
    }
}
