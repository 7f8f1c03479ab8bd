using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// The property head as a module: an MLP z [B, d] → standardized targets [B, P], with the targets'
/// training mean and scale to report predictions in their own units. It adds its squared error to the
/// ELBO's terms (<see cref="ElboTerms.PropertyError"/>); the objective weighs it.
/// </summary>
public sealed class PropertyHead : Mlp
{
    private readonly double[] mean;
    private readonly double[] scale;

    public PropertyHead(int latent, PropertyHeadOptions options)
        : base(latent, [.. options.Hidden, options.Targets], options.Activation, activateLast: false)
    {
        mean = options.Mean ?? new double[options.Targets];
        scale = options.Scale ?? Enumerable.Repeat(1.0, options.Targets).ToArray();
    }

    /// <summary>The prediction at z in the targets' own units: [B, P].</summary>
    public Tensor Predict(Tensor z) => call(z) * Scale(z.device) + Mean(z.device);

    /// <summary>Squared error at z against the targets y [B, P] (standardized), summed over the known (non-NaN) ones: [B].</summary>
    public Tensor Error(Tensor z, Tensor y)
    {
        var target = (y - Mean(y.device)) / Scale(y.device);
        var known = target.isnan().logical_not();
        var diff = (call(z) - target.nan_to_num()) * known;
        return diff.square().sum(-1);
    }

    private Tensor Mean(Device device) => tensor(mean, device: device).to(ScalarType.Float32);

    private Tensor Scale(Device device) => tensor(scale, device: device).to(ScalarType.Float32);
}
