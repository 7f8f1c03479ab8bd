using System.Text;
using static TorchSharp.torch;

namespace Vae.IO;

/// <summary>
/// Checks an Adam state file (TorchSharp's format: the optimizer's name, the group and state counts,
/// each group's hyper-parameters, then per parameter its step and its moment tensors) against the
/// model's parameters before TorchSharp reads it: TorchSharp creates tensors from the file's own
/// dtype and shape, so a damaged file could otherwise crash the process natively.
/// </summary>
public static class OptimizerFile
{
    public static void Validate(byte[] bytes, IReadOnlyList<Tensor> parameters, string path)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        try
        {
            string name = reader.ReadString();
            if (name != "Adam") throw new VaeException($"{path}: holds the state of a '{(name.Length > 40 ? name[..40] + "…" : name)}' optimizer, not Adam.");
            long groups = WeightFile.Decode(reader), states = WeightFile.Decode(reader);
            if (groups != 1) throw new VaeException($"{path}: has {groups} parameter groups; this toolkit writes one.");
            if (states != parameters.Count) throw new VaeException($"{path}: has state for {states} parameters; the model has {parameters.Count}.");
            for (int i = 0; i < 6; i++) reader.ReadDouble();   // initial lr, lr, β1, β2, ε, weight decay
            reader.ReadBoolean();                               // amsgrad
            reader.ReadBoolean();                               // maximize
            for (int p = 0; p < parameters.Count; p++)
            {
                reader.ReadInt64();                             // step
                WeightFile.SkipTensor(reader, parameters[p], $"the first moment of parameter {p}", path);
                WeightFile.SkipTensor(reader, parameters[p], $"the second moment of parameter {p}", path);
                byte hasMax = reader.ReadByte();
                if (hasMax > 1) throw new VaeException($"{path}: damaged at parameter {p}.");
                if (hasMax == 1) WeightFile.SkipTensor(reader, parameters[p], $"the AMSGrad moment of parameter {p}", path);
            }
            if (reader.BaseStream.Position != reader.BaseStream.Length)
                throw new VaeException($"{path}: has {reader.BaseStream.Length - reader.BaseStream.Position} bytes after its last state: not this model's optimizer state.");
        }
        catch (EndOfStreamException) { throw new VaeException($"{path}: ends early: the optimizer state is truncated."); }
        catch (Exception e) when (e is FormatException or ArgumentException or DecoderFallbackException or IOException or OverflowException)
        {
            throw new VaeException($"{path}: not an optimizer state file ({e.Message.Split('\n')[0].TrimEnd('.')}).");
        }
    }
}
