using static TorchSharp.torch;

namespace Vae.Export.Torch;

/// <summary>
/// Checks the tensors a state dict file declares against the model a config builds: every key the model has, no other,
/// each with the model's dtype and shape. The first problem is one line naming the file, the key and the config.
/// </summary>
public static class StateDictCheck
{
    public static void Check(IReadOnlyList<StateDictEntry> found, IReadOnlyDictionary<string, Tensor> expected, string file, string config)
    {
        var seen = new HashSet<string>();
        foreach (var e in found)
        {
            if (!seen.Add(e.Key)) throw new VaeException($"{file}: tensor '{Shorten(e.Key)}' appears twice.");
            if (!expected.ContainsKey(e.Key))
                throw new VaeException($"{file}: has a tensor '{Shorten(e.Key)}' that the model of {config} does not have ({Near(e.Key, expected.Keys)}): the state dict is of another architecture, or its keys were renamed.");
        }
        foreach (var (key, target) in expected)
        {
            var e = found.FirstOrDefault(f => f.Key == key)
                ?? throw new VaeException($"{file}: has no tensor '{key}', which the model of {config} needs ({found.Count} tensors in the file, {expected.Count} in the model).");
            if (e.Dtype != target.dtype)
                throw new VaeException($"{file}: tensor '{key}' is {e.DtypeName}, the model of {config} holds {SafetensorsIndex.DtypeName(target.dtype)} ({target.dtype}): convert it first (in PyTorch: {{k: v.float() for k, v in state.items()}}).");
            if (!e.Shape.SequenceEqual(target.shape))
                throw new VaeException($"{file}: tensor '{key}' has shape [{string.Join(", ", e.Shape)}], the model of {config} expects [{string.Join(", ", target.shape)}]: the state dict is of another architecture (other widths or latent size).");
        }
    }

    // The model's key that shares the longest prefix with an unknown one, as a hint.
    static string Near(string key, IEnumerable<string> keys)
    {
        var best = keys.MaxBy(k => k.Zip(key).TakeWhile(p => p.First == p.Second).Count());
        return best is null ? "it has no tensors" : $"its nearest is '{best}'";
    }

    static string Shorten(string s) => SafetensorsIndex.Shorten(s);
}
