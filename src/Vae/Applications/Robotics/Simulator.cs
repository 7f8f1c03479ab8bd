namespace Vae.Applications.Robotics;

/// <summary>
/// Runs episodes of a <see cref="SimulationOptions"/>: random initial state (angles uniform on
/// the circle, velocities uniform in ±InitialSpeed), torques from the chosen mode, RK4 integration.
/// Episode e draws from its own generator seeded by (seed, e), so an episode does not depend on
/// how many others are simulated, and a seed gives the same episodes on every run.
/// </summary>
public static class Simulator
{
    public static IReadOnlyList<Episode> Run(SimulationOptions options)
    {
        var system = options.Dynamics();
        int firstTest = options.TrainEpisodeCount;
        return Enumerable.Range(0, options.Episodes).Select(e => RunEpisode(options, system, e, e >= firstTest)).ToList();
    }

    public static Episode RunEpisode(SimulationOptions o, IRobotDynamics system, int index, bool isTest)
    {
        var rng = new Random(unchecked(o.Seed * 1_000_003 + index));
        int j = system.Joints, frames = Episode.Warmup + o.Steps;
        var state = new double[2 * j];
        for (int i = 0; i < j; i++) state[i] = (2 * rng.NextDouble() - 1) * Math.PI;
        for (int i = 0; i < j; i++) state[j + i] = (2 * rng.NextDouble() - 1) * o.InitialSpeed;
        (double, double)? target = null;
        if (o.Target)
        {
            double r = (0.3 + 0.65 * rng.NextDouble()) * system.Reach, a = 2 * Math.PI * rng.NextDouble();
            target = (r * Math.Cos(a), r * Math.Sin(a));
        }
        var torques = new TorqueSchedule(o, j, rng);
        var states = new double[frames][];
        var actions = new double[frames][];
        for (int f = 0; f < frames; f++)
        {
            states[f] = (double[])state.Clone();
            actions[f] = torques.At(f);
            RungeKutta4.Advance(system, state, actions[f], o.IntegratorStep, o.Substeps);
        }
        return new Episode(index, isTest, states, actions, target);
    }

    /// <summary>The torque at each frame of one episode.</summary>
    sealed class TorqueSchedule
    {
        private readonly SimulationOptions options;
        private readonly Random rng;
        private readonly double[] current, frequency, phase;

        public TorqueSchedule(SimulationOptions options, int joints, Random rng)
        {
            this.options = options;
            this.rng = rng;
            current = new double[joints];
            frequency = new double[joints];
            phase = new double[joints];
            if (options.Torque != TorqueMode.Sine) return;
            for (int i = 0; i < joints; i++)
            {
                frequency[i] = 0.2 + 0.8 * rng.NextDouble();
                phase[i] = 2 * Math.PI * rng.NextDouble();
            }
        }

        public double[] At(int frame)
        {
            double max = options.EffectiveMaxTorque, t = frame * options.FrameInterval;
            switch (options.Torque)
            {
                case TorqueMode.Random when frame % options.HoldFrames == 0:
                    for (int i = 0; i < current.Length; i++) current[i] = (2 * rng.NextDouble() - 1) * max;
                    break;
                case TorqueMode.Sine:
                    for (int i = 0; i < current.Length; i++) current[i] = max * Math.Sin(2 * Math.PI * frequency[i] * t + phase[i]);
                    break;
            }
            return (double[])current.Clone();
        }
    }
}
