using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Applications.Robotics;

/// <summary>The VAE plus a latent dynamics model trained on its latents: fitting, keeping and reloading the dynamics.</summary>
public static class WorldModel
{
    /// <summary>Encodes the training episodes and fits a dynamics model to their latents.</summary>
    public static (LatentDynamics Model, double[] Losses) Fit(VaeModel vae, RobotData data, DynamicsOptions options, Device device, IProgress<(int Epoch, double Loss)>? progress = null)
    {
        var train = LatentEpisodes.Encode(vae, data.Train, data.TrainStates, data.Info.Options, device);
        return DynamicsTrainer.Fit(train, options, device, progress);
    }

    /// <summary>The dynamics model kept in <paramref name="modelDir"/>, or a new one fitted (and kept there) when there is none or <paramref name="retrain"/> is set.</summary>
    public static (LatentDynamics Model, bool Trained) LoadOrFit(string modelDir, VaeModel vae, RobotData data, DynamicsOptions options, bool retrain, Device device,
        IProgress<(int Epoch, double Loss)>? progress = null)
    {
        if (!retrain && DynamicsFolder.Exists(modelDir))
        {
            var (saved, record) = DynamicsFolder.Load(modelDir, device);
            int actions = data.System.Joints;
            if (record.Latent != vae.Latent || record.Actions != actions)
                throw new VaeException($"{modelDir}/{DynamicsFolder.ConfigFile}: the dynamics model has {record.Latent} latents and {record.Actions} actions, but the VAE has {vae.Latent} and the data {actions}; pass --retrain.");
            return (saved, false);
        }
        var (model, losses) = Fit(vae, data, options, device, progress);
        DynamicsFolder.Save(modelDir, model, data.Info.Options.EffectiveMaxTorque, data.Directory, losses);
        return (model, true);
    }
}
