namespace Vae.Applications.Robotics;

/// <summary>
/// Open-loop prediction error at horizons 1 … H (index k − 1 for horizon k), averaged over
/// held-out windows. Latent: squared distance ‖ẑ_{t+k} − z_{t+k}‖² to the encoded true frame.
/// Pixels: squared error summed over a frame's values between a decoded latent and the true frame
/// (for binary frames about the number of wrongly drawn pixels). "No change" predicts z_t (and its
/// decoding) at every horizon; the floor decodes the true z_{t+k}, the best any latent prediction can do.
/// </summary>
public sealed record RolloutErrors(int Windows, double[] LatentModel, double[] LatentNoChange, double[] PixelModel, double[] PixelNoChange, double[] PixelFloor)
{
    public int Horizon => LatentModel.Length;
}
