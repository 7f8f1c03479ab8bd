using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Vae;

/// <summary>
/// Direct access to the memory of CPU tensors, for the few hot loops written in C# (the fused Adam
/// step, the Bernoulli draw of dynamic binarization) and for handing buffers to native BLAS.
/// </summary>
internal static partial class TensorMemory
{
    /// <summary>True when <paramref name="t"/> is a contiguous float32 tensor in CPU memory (so <see cref="Floats"/> may be used).</summary>
    public static bool IsCpuFloat32(Tensor t) =>
        t.device_type == DeviceType.CPU && t.dtype == ScalarType.Float32 && t.is_contiguous();

    /// <summary>The address of the tensor's first element (its storage must stay alive while the address is used).</summary>
    public static IntPtr Address(Tensor t) => THSTensor_data(t.Handle);

    /// <summary>The tensor's elements as a float pointer; only for tensors that pass <see cref="IsCpuFloat32"/>.</summary>
    public static unsafe float* Floats(Tensor t) =>
        IsCpuFloat32(t) ? (float*)THSTensor_data(t.Handle) : throw new ArgumentException("not a contiguous float32 CPU tensor", nameof(t));

    [LibraryImport("LibTorchSharp")]
    private static partial IntPtr THSTensor_data(IntPtr handle);
}
