using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>
/// A PixelCNN decoder conditioned on z (van den Oord et al. 2016; PixelVAE, Gulrajani et al. 2017):
/// p(x|z) = Π_i p(x_i | x_&lt;i, z) with x_&lt;i the pixels before i in raster order. A 7×7 type-A masked
/// convolution reads x, residual 3×3 type-B layers follow, a 1×1 convolution gives each pixel's
/// parameters. z enters as a learned spatial feature map: at the first layer only
/// (<see cref="ZInjection.Input"/>: the decoder is strong enough to ignore z, the classic recipe for
/// posterior collapse), in every layer (<see cref="ZInjection.EveryLayer"/>, skip-VAE), or as a
/// per-channel scale and shift of every layer (<see cref="ZInjection.Film"/>).
/// </summary>
public sealed class PixelCnnDecoder : Decoder
{
    private readonly MaskedConv2d input;
    private readonly ModuleList<MaskedConv2d> layers;
    private readonly Conv2d output;
    private readonly Linear zMap;                 // z -> [F, H, W]
    private readonly ModuleList<Conv2d> zLayer;   // EveryLayer: 1x1 projections of the z map, one per layer
    private readonly ModuleList<Linear> zFilm;    // Film: z -> [γ, β] per layer
    private readonly ZInjection injection;
    private readonly DataShape shape;
    private readonly int features;
    private readonly int paramsPerValue;

    public PixelCnnDecoder(int latent, DataShape shape, int features, int residualLayers, int paramsPerValue, ZInjection injection) : base(nameof(PixelCnnDecoder))
    {
        if (!shape.IsImage) throw new VaeException($"the PixelCNN decoder needs images; the data is {shape}.");
        this.shape = shape;
        this.features = features;
        this.paramsPerValue = paramsPerValue;
        this.injection = injection;
        input = new MaskedConv2d(shape.Channels, features, 7, typeA: true);
        layers = new ModuleList<MaskedConv2d>();
        zLayer = new ModuleList<Conv2d>();
        zFilm = new ModuleList<Linear>();
        for (int i = 0; i < residualLayers; i++)
        {
            layers.Add(new MaskedConv2d(features, features, 3, typeA: false));
            if (injection == ZInjection.EveryLayer) zLayer.Add(nn.Conv2d(features, features, 1));
            if (injection == ZInjection.Film) zFilm.Add(nn.Linear(latent, 2 * features));
        }
        output = nn.Conv2d(features, shape.Channels * paramsPerValue, 1);
        zMap = nn.Linear(latent, features * shape.Height * shape.Width);
        RegisterComponents();
    }

    public override bool IsAutoregressive => true;

    // z: [B, d'], x: [B, C·H·W] -> [B, P·C·H·W]
    public override Tensor Forward(Tensor z, Tensor? x)
    {
        if (x is null) throw new InvalidOperationException("an autoregressive decoder needs x (teacher forcing); use Generate to decode z alone.");
        var image = x.view(-1, shape.Channels, shape.Height, shape.Width);
        var m = zMap.call(z).view(-1, features, shape.Height, shape.Width);
        var h = nn.functional.relu(input.call(image) + m);
        for (int i = 0; i < layers.Count; i++)
        {
            var u = layers[i].call(h);
            if (injection == ZInjection.EveryLayer) u = u + CheckedConvolution.Run([zLayer[i]], m);
            if (injection == ZInjection.Film)
            {
                var gb = zFilm[i].call(z).chunk(2, dim: -1);
                u = (1 + gb[0].unsqueeze(-1).unsqueeze(-1)) * u + gb[1].unsqueeze(-1).unsqueeze(-1);
            }
            h = h + nn.functional.relu(u);
        }
        return CheckedConvolution.Run([output], h).flatten(1);
    }

    /// <summary>
    /// Draws pixels one after another in raster order (all channels of a pixel at once). Each pixel is
    /// drawn from p(x_i | x_&lt;i, z) and fed back; the result shows the draws, or with
    /// <paramref name="sample"/> false the probabilities (means) the draws came from. (Feeding back the
    /// most likely value instead collapses binary images to blank: most pixels are background.)
    /// </summary>
    public override Tensor Generate(Tensor z, IValueSampler values, bool sample, Generator? generator)
    {
        using var noGrad = no_grad();
        long b = z.shape[0];
        int hw = shape.Height * shape.Width, size = shape.Size;
        var canvas = zeros(b, size, device: z.device);
        var shown = zeros(b, size, device: z.device);
        // Indices of pixel p's values (each channel) in the flattened [C, H, W] layout, and of its parameters.
        for (int p = 0; p < hw; p++)
        {
            using var scope = NewDisposeScope();
            var decoded = Forward(z, canvas);
            var idx = tensor(Enumerable.Range(0, shape.Channels).Select(c => (long)(c * hw + p)).ToArray(), device: z.device);
            var paramIdx = tensor(Enumerable.Range(0, paramsPerValue).SelectMany(q => Enumerable.Range(0, shape.Channels).Select(c => (long)(q * size + c * hw + p))).ToArray(), device: z.device);
            var local = decoded.index_select(1, paramIdx);
            var mean = values.Mean(local);
            var value = values.Sample(local, generator);
            canvas.index_copy_(1, idx, value);
            shown.index_copy_(1, idx, sample ? value : mean);
        }
        return shown;
    }
}
