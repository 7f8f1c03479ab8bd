using System.Text.Json.Serialization;

namespace Vae.Models;

/// <summary>
/// The vector quantizer of a VQ-VAE (van den Oord et al. 2017), stored in config.json under
/// <c>model.posterior_extension</c> with kind <c>vq</c>. The autoencoder's head gives L = <see cref="Grid"/>²
/// code vectors of <see cref="CodeSize"/> values each (so the model's latent size is L·e); each is replaced by its
/// nearest entry of a learned codebook of <see cref="Codes"/> vectors. The L codes are read as a
/// <see cref="Grid"/>×<see cref="Grid"/> grid in raster order (by the PixelCNN prior over codes): the encoder is the
/// network's flat trunk, so the grid is a layout of the head's outputs, not a spatial feature map.
/// </summary>
public sealed record VectorQuantizerOptions : PosteriorExtensionOptions
{
    /// <summary>K, the number of codebook entries.</summary>
    public int Codes { get; init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(Codes), value, "Codes: the codebook needs at least 2 entries."); } = 128;

    /// <summary>e, the size of one code vector.</summary>
    public int CodeSize { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(CodeSize), value, "CodeSize: the code vectors need at least 1 value."); } = 8;

    /// <summary>The codes form a Grid×Grid grid: L = Grid² codes per example.</summary>
    public int Grid { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Grid), value, "Grid: the code grid must be at least 1×1."); } = 4;

    /// <summary>β, the weight of the commitment term β‖z_e − sg[e]‖² (the paper's 0.25).</summary>
    public double Commitment { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Commitment), value, "Commitment: β must be a finite number ≥ 0."); } = 0.25;

    /// <summary>L, the number of codes per example.</summary>
    [JsonIgnore]
    public int Positions => Grid * Grid;

    /// <summary>The model's latent size L·e.</summary>
    [JsonIgnore]
    public int LatentSize => Positions * CodeSize;

    public override PosteriorExtension Build(ModelOptions model, int features) => new VectorQuantizer(this);

    public override void Validate(ModelOptions model)
    {
        if (model.IsVariational)
            throw new VaeException("a VQ-VAE quantizes an autoencoder's code: --vq-codes needs a point-mass model (--model ae or conv-ae).");
        if (model.Latent != LatentSize)
            throw new VaeException($"a VQ-VAE's latent size is grid² × code size = {Grid}² × {CodeSize} = {LatentSize}, not {model.Latent}.");
    }
}
