namespace Vae.Applications.Robotics;

/// <summary>
/// The classical fourth-order Runge–Kutta integrator, with the torque held constant over the step
/// (zero-order hold). Local error O(h⁵), global error O(h⁴) for smooth dynamics; it is not
/// symplectic, so an undamped system's energy drifts slowly, by O(T·h⁴) over a time T.
/// </summary>
public static class RungeKutta4
{
    /// <summary>Advances <paramref name="state"/> in place by <paramref name="steps"/> steps of size <paramref name="h"/>.</summary>
    public static void Advance(IRobotDynamics system, double[] state, ReadOnlySpan<double> torque, double h, int steps)
    {
        int n = state.Length;
        Span<double> k1 = stackalloc double[n], k2 = stackalloc double[n], k3 = stackalloc double[n], k4 = stackalloc double[n], tmp = stackalloc double[n];
        for (int s = 0; s < steps; s++)
        {
            system.Derivative(state, torque, k1);
            for (int i = 0; i < n; i++) tmp[i] = state[i] + 0.5 * h * k1[i];
            system.Derivative(tmp, torque, k2);
            for (int i = 0; i < n; i++) tmp[i] = state[i] + 0.5 * h * k2[i];
            system.Derivative(tmp, torque, k3);
            for (int i = 0; i < n; i++) tmp[i] = state[i] + h * k3[i];
            system.Derivative(tmp, torque, k4);
            for (int i = 0; i < n; i++) state[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
    }
}
