using static TorchSharp.torch;

namespace Vae.Data;

public static class DatasetTensors
{
    /// <summary>All examples as one float tensor [N, D] on <paramref name="device"/>.</summary>
    public static Tensor ToTensor(this Dataset data, Device device) =>
        tensor(data.Features, [data.Count, data.Dimension]).to(device);

    /// <summary>Examples [start, start+count) as a float tensor [count, D] on <paramref name="device"/>.</summary>
    public static Tensor Rows(this Dataset data, int start, int count, Device device) =>
        tensor(data.Features.AsSpan(start * data.Dimension, count * data.Dimension).ToArray(), [count, data.Dimension]).to(device);
}
