
namespace Vae.Nn;

/// <summary>
/// The geometry shared by the convolutional encoder and decoder: each stage is a 4×4 convolution
/// with stride 2 and padding 1, halving height and width. Stages are added while the size stays
/// even and at least 4 after halving, up to four stages: 28×28 → 14 → 7 (two stages), 64×64 → 32 →
/// 16 → 8 → 4 (four stages, the β-VAE architecture of Burgess et al. 2018).
/// </summary>
public sealed record ConvStack(DataShape Input, IReadOnlyList<int> Channels)
{
    public static ConvStack For(DataShape input, IReadOnlyList<int>? channels = null)
    {
        if (!input.IsImage || input.Height < 8 || input.Width < 8 || input.Height % 2 != 0 || input.Width % 2 != 0)
            throw new VaeException($"the convolutional model needs images with an even height and width of at least 8 (e.g. 1x28x28, 3x64x64); the data is {input}. Use --model mlp.");
        int stages = 0, h = input.Height, w = input.Width;
        while (stages < 4 && h % 2 == 0 && w % 2 == 0 && h / 2 >= 4 && w / 2 >= 4) { h /= 2; w /= 2; stages++; }
        channels ??= stages switch { 1 => [32], 2 => [32, 64], 3 => [32, 64, 64], _ => [32, 32, 64, 64] };
        if (channels.Count != stages)
            throw new VaeException($"--channels: {input} images take {stages} convolution stages, but {channels.Count} channel counts were given.");
        if (channels.Any(c => c < 1)) throw new VaeException("--channels: channel counts must be ≥ 1.");
        return new ConvStack(input, channels);
    }

    public int Stages => Channels.Count;
    public int OutHeight => Input.Height >> Stages;
    public int OutWidth => Input.Width >> Stages;
    public int FlatSize => Channels[^1] * OutHeight * OutWidth;
}
