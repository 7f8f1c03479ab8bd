using TorchSharp;

namespace Vae;

/// <summary>Turns a user's device name (<c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>) into a TorchSharp device.</summary>
public static class Devices
{
    public static torch.Device Parse(string name)
    {
        string n = name.Trim().ToLowerInvariant();
        if (n == "cpu") return torch.CPU;
        if (n == "cuda" || n.StartsWith("cuda:", StringComparison.Ordinal))
        {
            int index = 0;
            if (n.Length > 4 && !int.TryParse(n.AsSpan(5), out index))
                throw new VaeException($"--device: '{name}' is not a device; use cpu, cuda or cuda:<index>.");
            if (!torch.cuda.is_available())
                throw new VaeException($"--device {name}: no CUDA device is available to this build of TorchSharp "
                    + "(the project references TorchSharp-cpu; reference a TorchSharp CUDA package to use a GPU).");
            if (index >= torch.cuda.device_count())
                throw new VaeException($"--device {name}: only {torch.cuda.device_count()} CUDA device(s) present.");
            return torch.device(DeviceType.CUDA, index);
        }
        throw new VaeException($"--device: '{name}' is not a device; use cpu, cuda or cuda:<index>.");
    }
}
