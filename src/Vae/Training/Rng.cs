using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Vae.Training;

/// <summary>Saves and restores a TorchSharp generator's state as base64 text (for state.json).</summary>
public static class Rng
{
    public static string Save(Generator generator)
    {
        using var s = generator.get_state();
        return Convert.ToBase64String(s.data<byte>().ToArray());
    }

    public static void Restore(Generator generator, string saved)
    {
        if (string.IsNullOrEmpty(saved)) return;
        byte[] bytes;
        try { bytes = Convert.FromBase64String(saved); }
        catch (FormatException) { throw new VaeException("state.json: a random-generator state is not valid base64."); }
        using var t = tensor(bytes, dtype: ScalarType.Byte);
        try { generator.set_state(t); }
        catch (Exception e) when (e is ExternalException or ArgumentException or InvalidOperationException)
        {
            throw new VaeException($"state.json: a random-generator state does not fit this device ({e.Message.Split('\n')[0]}).");
        }
    }
}
