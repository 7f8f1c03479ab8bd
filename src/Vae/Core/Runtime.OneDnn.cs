using System.Runtime.InteropServices;

namespace Vae;

/// <summary>
/// Convolutions on the CPU through ATen's own kernels instead of oneDNN's.
/// <para>
/// libtorch 2.10 (TorchSharp-cpu 0.107) computes float32 convolutions on the CPU with oneDNN, and on
/// an AMD EPYC with AVX-512 (the machine of 2026-12-05) some of its kernels give wrong numbers: the
/// input gradient of a 3×3 convolution lost the term of one kernel position (a PixelCNN's masked
/// convolution then let a pixel see itself), a transposed convolution with one input channel and a
/// 7×7 kernel was off by up to 7.7 from its float64 value, and the conv VAE's decoder returned NaN.
/// Capping oneDNN at AVX2 (ONEDNN_MAX_CPU_ISA) fixed the first but not the second; turning oneDNN
/// off for convolutions (at::globalContext().setUserEnabledMkldnn(false), what PyTorch's
/// <c>torch.backends.mkldnn.enabled = False</c> does) fixed all three, every result within float
/// tolerance of float64 (which never goes through oneDNN). <c>ConvolutionTests</c> check this.
/// </para>
/// <para>
/// NNPACK, which ATen then tries for forward convolutions of 16 or more examples, is turned off too: on
/// that machine it does not initialise ("Unsupported hardware") and libtorch printed that warning on
/// every such convolution, 1,730 times in one epoch of the conv VAE; where it does initialise it would
/// be one more untested path.
/// </para>
/// <para>
/// Every module of the library that convolves calls <see cref="UseCheckedConvolutions"/> when it is
/// built. TorchSharp has no setter for the flag, so it is reached through libtorch_cpu's exported C++
/// symbols (Itanium mangling: Linux and macOS). Setting VAE_ONEDNN=1 keeps oneDNN (at your risk: run
/// the ConvolutionTests on the machine first). CUDA convolutions go through cuDNN and are not affected.
/// </para>
/// </summary>
public static partial class Runtime
{
    private static int convolutionsChecked;

    /// <summary>True when this process turned oneDNN off for CPU convolutions (see the class remarks).</summary>
    public static bool OneDnnConvolutionsOff { get; private set; }

    /// <summary>Why oneDNN is still on, when it is (VAE_ONEDNN=1, or the flag could not be reached); null otherwise.</summary>
    public static string? OneDnnKeptBecause { get; private set; }

    /// <summary>
    /// Makes CPU convolutions use ATen's kernels (once per process; libtorch must be loaded, which any
    /// TorchSharp module constructor has done).
    /// </summary>
    public static void UseCheckedConvolutions()
    {
        if (Interlocked.Exchange(ref convolutionsChecked, 1) == 1) return;
        if (Environment.GetEnvironmentVariable("VAE_ONEDNN") == "1")
        {
            OneDnnKeptBecause = "VAE_ONEDNN=1";
            return;
        }
        try
        {
            IntPtr context = AtGlobalContext();
            AtSetUserEnabledMkldnn(context, false);
            OneDnnConvolutionsOff = !AtUserEnabledMkldnn(context);
            AtSetUserEnabledNnpack(context, false);
            if (!OneDnnConvolutionsOff) OneDnnKeptBecause = "libtorch did not take the setting";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            OneDnnKeptBecause = "libtorch_cpu's at::Context is not reachable here (" + e.GetType().Name + ")";
        }
    }

    private static string DescribeConvolutions() => OneDnnConvolutionsOff
        ? "CPU convolutions through ATen (oneDNN off)"
        : OneDnnKeptBecause is { } why ? $"CPU convolutions through oneDNN ({why})" : "CPU convolutions not yet configured";

    [LibraryImport("torch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    private static partial IntPtr AtGlobalContext();

    [LibraryImport("torch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    private static partial void AtSetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [LibraryImport("torch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    private static partial void AtSetUserEnabledNnpack(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [LibraryImport("torch_cpu", EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool AtUserEnabledMkldnn(IntPtr context);
}
