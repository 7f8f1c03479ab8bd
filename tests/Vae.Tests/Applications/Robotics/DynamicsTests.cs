using Vae.Applications.Robotics;

namespace Vae.Tests.Applications.Robotics;

public class DynamicsTests
{
    static double EnergyDrift(IRobotDynamics system, double[] start, double h, double seconds)
    {
        var s = (double[])start.Clone();
        double e0 = system.Energy(s);
        RungeKutta4.Advance(system, s, new double[system.Joints], h, (int)Math.Round(seconds / h));
        return Math.Abs(system.Energy(s) - e0) / Math.Abs(e0);
    }

    [Fact]
    public void Unforced_Undamped_Pendulum_Conserves_Energy_Within_The_Rk4_Error()
    {
        // RK4 is fourth order: its energy error after a fixed time shrinks at least as h⁴.
        // The documented step (h = 5 ms) keeps the relative error of a large swing below 1e-8 over 20 s.
        var pendulum = new PendulumDynamics { Damping = 0 };
        double[] start = [2.5, 0.0];
        double coarse = EnergyDrift(pendulum, start, 0.01, 20), fine = EnergyDrift(pendulum, start, 0.005, 20);
        Assert.True(fine < 1e-8, $"relative energy error {fine:E2} at h = 5 ms");
        Assert.True(coarse / fine > 14, $"halving h divided the error by only {coarse / fine:F1} (fourth order gives ≥ 16)");
    }

    [Fact]
    public void Pendulum_Period_Matches_The_Complete_Elliptic_Integral()
    {
        // T = 4 √(L/g) K(k), k = sin(θ0/2), with K(k) = π / (2 AGM(1, √(1 − k²))).
        var pendulum = new PendulumDynamics { Damping = 0, Length = 0.7 };
        double theta0 = 2.0, k = Math.Sin(theta0 / 2);
        double expected = 4 * Math.Sqrt(pendulum.Length / pendulum.Gravity) * Math.PI / (2 * Agm(1, Math.Sqrt(1 - k * k)));
        var s = new double[] { theta0, 0 };
        double h = 1e-3, t = 0, previousOmega = 0;
        var crossings = new List<double>();   // times where ω goes from − to + (θ at its minimum, −θ0)
        while (crossings.Count < 3)
        {
            RungeKutta4.Advance(pendulum, s, [0.0], h, 1);
            t += h;
            if (previousOmega < 0 && s[1] >= 0) crossings.Add(t - h * s[1] / (s[1] - previousOmega));
            previousOmega = s[1];
        }
        double period = (crossings[2] - crossings[0]) / 2;
        Assert.Equal(expected, period, 4);
    }

    [Fact]
    public void Unforced_Undamped_Arm_Conserves_Energy()
    {
        var arm = new TwoLinkArmDynamics { Damping = 0, Gravity = 9.81 };   // in a vertical plane, so the gravity terms count too
        double drift = EnergyDrift(arm, [0.3, 1.0, 0.5, -1.0], 0.005, 10);
        Assert.True(drift < 1e-5, $"relative energy error {drift:E2}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Arm_Energy_Changes_At_The_Rate_Of_Torque_Power_Minus_Damping_Losses(double damping)
    {
        // dE/dt = τ·q̇ − b‖q̇‖²: checks where the torque and the damping enter the equations of motion.
        var arm = new TwoLinkArmDynamics { Damping = damping, Gravity = 9.81 };
        double[] s = [-0.4, 2.0, 1.5, -2.5], tau = [3.0, -2.0];
        double h = 1e-5, e0 = arm.Energy(s);
        var next = (double[])s.Clone();
        RungeKutta4.Advance(arm, next, tau, h, 1);
        var mid = s.Zip(next, (a, b) => (a + b) / 2).ToArray();
        double power = tau[0] * mid[2] + tau[1] * mid[3] - damping * (mid[2] * mid[2] + mid[3] * mid[3]);
        Assert.Equal(power, (arm.Energy(next) - e0) / h, 4);
    }

    [Fact]
    public void Arm_Forward_Kinematics_Places_The_Hand_At_The_Sum_Of_The_Link_Vectors()
    {
        var arm = new TwoLinkArmDynamics();
        var joints = arm.Kinematics([Math.PI / 2, -Math.PI / 2, 0, 0]);
        Assert.Equal(0, joints[0].X, 12);
        Assert.Equal(arm.Length1, joints[0].Y, 12);
        Assert.Equal(arm.Length2, joints[1].X, 12);
        Assert.Equal(arm.Length1, joints[1].Y, 12);
    }

    static double Agm(double a, double b)
    {
        while (Math.Abs(a - b) > 1e-15) (a, b) = ((a + b) / 2, Math.Sqrt(a * b));
        return a;
    }
}
