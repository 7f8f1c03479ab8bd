using Vae.Data.Images;

namespace Vae.Tests.Data.Images;

/// <summary>SkiaSharp's decoding, turned into PIL's "L" and "RGB" values, against PIL's own (fixtures written and decoded by python3-pil 9.4).</summary>
public class ImageDecoderTests
{
    static readonly string[] Lossy = ["gray.jpg", "rgb.jpg", "lossy.webp"];

    public static IEnumerable<object[]> Files() => ImageFixtures.Pixels().Select(p => new object[] { p.File, p.Channels });

    static (byte[] Ours, byte[] Pil) Decode(string file, int channels)
    {
        var pil = ImageFixtures.Pixels().Single(p => p.File == file && p.Channels == channels);
        var image = ImageDecoder.Decode(ImageFixtures.File("formats", file));
        Assert.Equal((pil.Width, pil.Height), (image.Width, image.Height));
        return (ImageTransform.Planes(image, channels), pil.Values);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Lossless_Formats_Decode_To_Pils_Exact_Bytes_And_Lossy_Ones_Within_One_Level(string file, int channels)
    {
        var (ours, pil) = Decode(file, channels);
        if (!Lossy.Contains(file))
        {
            Assert.Equal(pil, ours);
            return;
        }
        // JPEG and lossy WebP leave the decoder free in IDCT and chroma upsampling; SkiaSharp's bundled libjpeg-turbo and
        // libwebp and Debian's (under PIL) agree exactly on these files (measured: 0), and the tolerance is 1 of 255.
        int worst = ours.Zip(pil, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst <= 1, $"{file} {channels}: largest difference {worst} of 255");
    }

    [Fact]
    public void Header_Reports_Size_And_Whether_The_Image_Is_Stored_Gray()
    {
        Assert.Equal(new ImageHeader(6, 5, true), ImageDecoder.ReadHeader(ImageFixtures.File("formats", "gray.png")));
        Assert.Equal(new ImageHeader(6, 5, true), ImageDecoder.ReadHeader(ImageFixtures.File("formats", "gray.jpg")));
        Assert.False(ImageDecoder.ReadHeader(ImageFixtures.File("formats", "rgb.png")).Gray);
        Assert.Equal((13, 9), (ImageDecoder.ReadHeader(ImageFixtures.File("resize", "wide.png")).Width, ImageDecoder.ReadHeader(ImageFixtures.File("resize", "wide.png")).Height));
    }

    [Theory]
    [InlineData(0, "the file is empty")]
    [InlineData(8, "not an image this reader can decode (not PNG, JPEG, BMP, GIF or WebP data)")]
    [InlineData(60, "truncated or incomplete")]
    [InlineData(20, "the file ends inside the image header (truncated?)")]
    public void A_Damaged_File_Is_Named_With_The_Reason(int keep, string reason)
    {
        using var dir = new TempDir();
        var bytes = File.ReadAllBytes(ImageFixtures.File("formats", "rgb.png"));
        string path = dir.File("cut.png");
        File.WriteAllBytes(path, keep == 8 ? "hello, this is not an image at all"u8.ToArray() : bytes[..keep]);
        var e = Assert.Throws<VaeException>(() => ImageDecoder.Decode(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void An_Unsupported_Format_Is_Named()
    {
        using var dir = new TempDir();
        string path = dir.File("scan.tiff");
        File.WriteAllBytes(path, [0x49, 0x49, 0x2a, 0]);
        var e = Assert.Throws<VaeException>(() => ImageDecoder.Decode(path));
        Assert.Equal($"{path}: .tiff images are not supported (supported: .png .jpg .jpeg .bmp .gif .webp); convert them.", e.Message);
    }
}
