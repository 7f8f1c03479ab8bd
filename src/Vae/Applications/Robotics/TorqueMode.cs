namespace Vae.Applications.Robotics;

/// <summary>How the joint torques (the actions) are chosen during an episode.</summary>
public enum TorqueMode
{
    /// <summary>Piecewise constant: each joint's torque is drawn uniformly in ±MaxTorque and held for HoldFrames frames.</summary>
    Random,
    /// <summary>Scripted: τⱼ(t) = MaxTorque·sin(2π fⱼ t + φⱼ), with fⱼ in [0.2, 1] Hz and φⱼ drawn once per episode.</summary>
    Sine,
    /// <summary>No torque: the system moves under gravity and damping alone.</summary>
    None,
}
