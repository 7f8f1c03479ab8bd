using System.Text;
using static TorchSharp.torch;

namespace Vae.IO;

/// <summary>
/// Checks a weight file (TorchSharp's format: an entry count, then for each entry its name, dtype,
/// shape and raw bytes, integers LEB128-encoded) against the tensors a model expects, before any of
/// it is handed to TorchSharp. A damaged or foreign file is rejected with a message naming the first
/// problem, and a header can never make the loader allocate more than the file holds.
/// </summary>
public static class WeightFile
{
    public static void Validate(byte[] bytes, IReadOnlyDictionary<string, Tensor> expected, string path)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        try
        {
            long count = Decode(reader);
            if (count != expected.Count)
                throw new VaeException($"{path}: holds {count} tensors but the model in config.json has {expected.Count}: these weights belong to another architecture (or the file is not a weight file).");
            var seen = new HashSet<string>();
            for (long i = 0; i < count; i++)
            {
                string name = reader.ReadString();
                if (!expected.TryGetValue(name, out var target))
                    throw new VaeException($"{path}: has a tensor '{Shorten(name)}' that the model in config.json does not have: these weights belong to another architecture.");
                if (!seen.Add(name)) throw new VaeException($"{path}: tensor '{name}' appears twice.");
                SkipTensor(reader, target, $"tensor '{name}'", path);
            }
            if (reader.BaseStream.Position != reader.BaseStream.Length)
                throw new VaeException($"{path}: has {reader.BaseStream.Length - reader.BaseStream.Position} bytes after its last tensor: not a weight file of this model.");
        }
        catch (EndOfStreamException) { throw new VaeException($"{path}: ends early: the file is truncated or is not a weight file."); }
        catch (Exception e) when (e is FormatException or ArgumentException or DecoderFallbackException or IOException or OverflowException)
        {
            throw new VaeException($"{path}: not a weight file ({e.Message.Split('\n')[0].TrimEnd('.')}).");
        }
    }

    /// <summary>Reads one saved tensor's header (dtype, rank, shape), checks it against <paramref name="target"/>, and skips its data.</summary>
    internal static void SkipTensor(BinaryReader reader, Tensor target, string what, string path)
    {
        long dtype = Decode(reader);
        if (dtype != (long)target.dtype)
            throw new VaeException($"{path}: {what} is stored as type {dtype}, the model expects {target.dtype}.");
        long rank = Decode(reader);
        if (rank != target.dim())
            throw new VaeException($"{path}: {what} has {rank} dimensions, the model expects {target.dim()}.");
        var shape = new long[rank];
        for (int d = 0; d < rank; d++) shape[d] = Decode(reader);
        if (!shape.SequenceEqual(target.shape))
            throw new VaeException($"{path}: {what} has shape [{string.Join(", ", shape)}], the model in config.json expects [{string.Join(", ", target.shape)}]: these weights belong to another architecture.");
        long size = target.NumberOfElements * target.ElementSize;
        if (reader.BaseStream.Length - reader.BaseStream.Position < size)
            throw new VaeException($"{path}: truncated inside {what}.");
        reader.BaseStream.Seek(size, SeekOrigin.Current);
    }

    // LEB128 as TorchSharp writes it; more than 9 bytes cannot be a valid count or size.
    internal static long Decode(BinaryReader reader)
    {
        long result = 0;
        for (int i = 0; i < 9; i++)
        {
            long b = reader.ReadByte();
            result |= (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) return result;
        }
        throw new FormatException("an integer field is longer than 9 bytes");
    }

    static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
