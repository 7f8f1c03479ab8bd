using static TorchSharp.torch;

namespace Vae.Data;

public static class DatasetTensors
{
    /// <summary>All examples as one float tensor [N, D] on <paramref name="device"/>.</summary>
    public static Tensor ToTensor(this Dataset data, Device device) =>
        tensor(data.Features, [data.Count, data.Dimension]).to(device);

    /// <summary>
    /// Examples [start, start+count) as a float tensor [count, D] on <paramref name="device"/>, in memory libtorch
    /// allocated (64-byte aligned). TorchSharp's <c>tensor(float[])</c> uses the managed array's memory, whose alignment
    /// depends on where the garbage collector put it, and libtorch's CPU matrix products of a few rows give results that
    /// differ in the last bits with the alignment of their input; the copy makes a batch's results depend on its values
    /// alone (the same bits in every process, which the ranks of an evaluation need).
    /// </summary>
    public static Tensor Rows(this Dataset data, int start, int count, Device device)
    {
        using var managed = tensor(data.Features.AsSpan(start * data.Dimension, count * data.Dimension).ToArray(), [count, data.Dimension]);
        return device.type == TorchSharp.DeviceType.CPU ? managed.clone() : managed.to(device);
    }

    /// <summary>Examples [start, start+count) with their conditions (and regression targets), as a model batch.</summary>
    public static Batch BatchAt(this Dataset data, int start, int count, Device device) => new(
        data.Rows(start, count, device),
        data.Conditions is null ? null
            : tensor(data.Conditions.AsSpan(start * data.ConditionSize, count * data.ConditionSize).ToArray(), [count, data.ConditionSize]).to(device),
        data.Targets is null ? null
            : tensor(data.Targets.AsSpan(start * data.TargetSize, count * data.TargetSize).ToArray(), [count, data.TargetSize]).to(device));

    /// <summary>All examples with their conditions, as one batch.</summary>
    public static Batch ToBatch(this Dataset data, Device device) => data.BatchAt(0, data.Count, device);
}
