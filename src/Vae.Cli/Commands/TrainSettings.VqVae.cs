using Vae.Models;

namespace Vae.Cli.Commands;
/// <summary>The VQ-VAE's options (--vq-codes and its companions): a vector quantizer on an autoencoder's code.</summary>
public partial class TrainSettings
{
    [CommandOption("--vq-codes <K>")]
    [Description("VQ-VAE (van den Oord et al. 2017; with --model ae or conv-ae): quantize the code to the nearest of K learned codebook vectors, with the straight-through gradient and the codebook and commitment losses. The latent size becomes --vq-grid² × --vq-dim. Sample with --sampler pixelcnn.")]
    public int? VqCodes { get; init; }

    [CommandOption("--vq-dim <E>")]
    [Description("VQ-VAE: the size e of one code vector (default 8).")]
    public int? VqDim { get; init; }

    [CommandOption("--vq-grid <G>")]
    [Description("VQ-VAE: the codes form a G×G grid (default 4: 16 codes per example), in raster order for the PixelCNN prior.")]
    public int? VqGrid { get; init; }

    [CommandOption("--vq-beta <B>")]
    [Description("VQ-VAE: the weight β of the commitment loss β‖z_e − sg[[e]]‖² (default 0.25).")]
    public double? VqBeta { get; init; }

    /// <summary>The quantizer --vq-codes asks for (null without it); its companions without it, or on a variational model, are errors.</summary>
    VectorQuantizerOptions? VectorQuantizer(ModelOptions preset)
    {
        if (VqCodes is null)
        {
            if (VqDim is not null || VqGrid is not null || VqBeta is not null)
                throw new VaeException("--vq-dim, --vq-grid and --vq-beta: are options of a VQ-VAE; give --vq-codes K too.");
            return null;
        }
        if (preset.IsVariational)
            throw new VaeException($"--vq-codes: a VQ-VAE quantizes an autoencoder's code; use --model ae or conv-ae, not {Model}.");
        var d = new VectorQuantizerOptions { Codes = VqCodes.Value };
        var vq = d with { CodeSize = VqDim ?? d.CodeSize, Grid = VqGrid ?? d.Grid, Commitment = VqBeta ?? d.Commitment };
        if (Latent != DefaultLatent && Latent != vq.LatentSize)
            throw new VaeException($"--latent {Latent}: a VQ-VAE's latent size is --vq-grid² × --vq-dim = {vq.LatentSize}; leave --latent out.");
        return vq;
    }

    const int DefaultLatent = 20;
}
