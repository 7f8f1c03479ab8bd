namespace Vae.Export.Torch;

/// <summary>How a PyTorch state dict is stored: safetensors (a JSON header and raw little-endian bytes) or torch.save's zip archive.</summary>
public enum TorchFormat { Safetensors, Pt }

/// <summary>The file names of a PyTorch export and how a state dict file's format is told.</summary>
public static class TorchFiles
{
    public const string Module = "vae_model.py", Config = "config.json", Safetensors = "model.safetensors", Pt = "model.pt";

    public static string WeightsFile(TorchFormat format) => format == TorchFormat.Safetensors ? Safetensors : Pt;

    /// <summary>The format of a state dict file: by its extension (.safetensors; .pt, .pth, .bin), else by its first bytes (a zip archive is torch.save's).</summary>
    public static TorchFormat FormatOf(string path)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".safetensors": return TorchFormat.Safetensors;
            case ".pt" or ".pth" or ".bin": return TorchFormat.Pt;
        }
        Span<byte> start = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(start, 4, throwOnEndOfStream: false) == 4 && start.SequenceEqual("PK\u0003\u0004"u8) ? TorchFormat.Pt : TorchFormat.Safetensors;
    }
}
