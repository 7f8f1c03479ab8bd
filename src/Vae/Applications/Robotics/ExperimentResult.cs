
namespace Vae.Applications.Robotics;

/// <summary>One VAE of the experiment: its data, training, held-out ELBO and probes.</summary>
public sealed record VaeRun(string Name, string DataDirectory, string ModelDirectory, DataShape Shape, int TrainFrames, int TestFrames, int Latent, int Epochs,
    double TrainElbo, double TestElbo, double TestReconstruction, double TestKl, int ActiveUnits, double TrainSeconds, ProbeResult Probe);

/// <summary>One latent dynamics model of the experiment and its open-loop errors on the held-out episodes.</summary>
public sealed record DynamicsRun(string Name, string Vae, int Context, double FinalLoss, RolloutErrors Errors);

/// <summary>Wall-clock and CPU seconds (all threads) of one stage.</summary>
public sealed record StageTime(string Stage, double WallSeconds, double CpuSeconds);

/// <summary>A picture written for the report: its file name (in the pictures folder) and caption.</summary>
public sealed record Picture(string File, string Caption);

public sealed record ExperimentResult(ExperimentOptions Options, SimulationInfo Arm, SimulationInfo Pendulum, IReadOnlyList<VaeRun> Vaes,
    IReadOnlyList<DynamicsRun> Dynamics, IReadOnlyList<StageTime> Times, IReadOnlyList<Picture> Pictures)
{
    public VaeRun Vae(string name) => Vaes.Single(v => v.Name == name);
}
