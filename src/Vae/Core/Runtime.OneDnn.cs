using System.Runtime.InteropServices;

namespace Vae;

/// <summary>
/// Which kernels run CPU convolutions, and why.
/// <para>
/// libtorch 2.10 (TorchSharp-cpu 0.107) computes float32 convolutions on the CPU with oneDNN, and on
/// an AMD EPYC with AVX-512 (the machine of 2026-12-05) its backward-data kernel gave wrong numbers in
/// a third of 1,920 small configurations, some NaN: the input gradient of a convolution (a PixelCNN's
/// masked convolution then let a pixel see itself) and the output of a transposed convolution (the conv
/// VAE's decoder returned NaN). Its forward and weight-gradient kernels were right in every one, and
/// capping oneDNN at AVX2 (ONEDNN_MAX_CPU_ISA) did not help (docs/results/convolutions.md).
/// </para>
/// <para>
/// So, when the first module that convolves is built (<c>Nn.CheckedConvolution.Prepare</c>), the process
/// takes one of three paths (<see cref="ConvolutionPath"/>): by default <see cref="ConvolutionPath.OneDnnForwardOnly"/>,
/// where the library's layers compute backward-data as forward convolutions (<c>Nn.CheckedConvolution</c>), if a
/// self-check of oneDNN's forward and weight-gradient kernels against float64 passes, and otherwise
/// <see cref="ConvolutionPath.Aten"/>, oneDNN off for every convolution (at::globalContext().setUserEnabledMkldnn(false),
/// what PyTorch's <c>torch.backends.mkldnn.enabled = False</c> does; half the speed). VAE_CONVOLUTIONS=aten|onednn-forward|onednn
/// chooses; onednn is libtorch unchanged, at the user's risk. TorchSharp has no setter for the flag, so it is reached
/// through libtorch_cpu's exported C++ symbols (Itanium mangling: Linux and macOS). NNPACK, which ATen tries for
/// forward convolutions of 16 or more examples, is turned off on every path: on that machine it does not initialise
/// and libtorch printed "Could not initialize NNPACK! Reason: Unsupported hardware" on every such convolution (1,730
/// times in one epoch of the conv VAE). CUDA convolutions go through cuDNN and are not affected.
/// </para>
/// </summary>
public static partial class Runtime
{
    private static readonly object convolutionLock = new();
    private static bool convolutionsChosen;

    /// <summary>How CPU convolutions run in this process (libtorch's own choice until a module that convolves is built).</summary>
    public static ConvolutionPath ConvolutionPath { get; private set; } = ConvolutionPath.OneDnn;

    /// <summary>Why the process is on <see cref="ConvolutionPath"/>; null before a module that convolves is built.</summary>
    public static string? ConvolutionPathReason { get; private set; }

    /// <summary>True when this process turned oneDNN off for CPU convolutions.</summary>
    public static bool OneDnnConvolutionsOff { get; private set; }

    /// <summary>
    /// Chooses the path once per process (see the class remarks). <paramref name="forwardCheck"/> returns null when
    /// oneDNN's forward and weight-gradient kernels agree with float64 here, or what disagreed.
    /// </summary>
    internal static void ChooseConvolutionPath(Func<string?> forwardCheck)
    {
        lock (convolutionLock)
        {
            if (convolutionsChosen) return;
            convolutionsChosen = true;
            TurnNnpackOff();
            string? chosen = Environment.GetEnvironmentVariable("VAE_CONVOLUTIONS");
            switch (chosen)
            {
                case "onednn":
                    (ConvolutionPath, ConvolutionPathReason) = (ConvolutionPath.OneDnn, "VAE_CONVOLUTIONS=onednn: the kernels of libtorch unchanged");
                    return;
                case "onednn-forward":
                    (ConvolutionPath, ConvolutionPathReason) = (ConvolutionPath.OneDnnForwardOnly, "VAE_CONVOLUTIONS=onednn-forward");
                    return;
                case "aten":
                    TurnOneDnnOff("VAE_CONVOLUTIONS=aten");
                    return;
                case null or "":
                    break;
                default:
                    throw new VaeException($"VAE_CONVOLUTIONS={chosen}: use onednn-forward (the default), aten or onednn.");
            }
            string? failure = forwardCheck();
            if (failure is null)
                (ConvolutionPath, ConvolutionPathReason) = (ConvolutionPath.OneDnnForwardOnly, "the self-check found the oneDNN forward and weight-gradient kernels within 1e-4 of float64");
            else
                TurnOneDnnOff("the self-check found oneDNN wrong: " + failure);
        }
    }

    private static void TurnOneDnnOff(string why)
    {
        ConvolutionPath = ConvolutionPath.Aten;
        try
        {
            IntPtr context = AtGlobalContext();
            AtSetUserEnabledMkldnn(context, false);
            OneDnnConvolutionsOff = !AtUserEnabledMkldnn(context);
            ConvolutionPathReason = OneDnnConvolutionsOff ? why : why + " (but libtorch did not take the setting)";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            ConvolutionPathReason = why + " (but at::Context of libtorch_cpu is not reachable here: " + e.GetType().Name + ")";
        }
    }

    private static void TurnNnpackOff()
    {
        try { AtSetUserEnabledNnpack(AtGlobalContext(), false); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
    }

    /// <summary>The path CPU convolutions take in this process, and why (environment.json, benchmark pages).</summary>
    public static string DescribeConvolutions() => ConvolutionPathReason is null
        ? "CPU convolutions not yet configured"
        : ConvolutionPath switch
        {
            ConvolutionPath.Aten => "CPU convolutions through ATen, oneDNN off",
            ConvolutionPath.OneDnnForwardOnly => "CPU convolutions through oneDNN forward and weight-gradient kernels, backward-data as forward convolutions",
            _ => "CPU convolutions through oneDNN, unchanged",
        } + $" ({ConvolutionPathReason})";

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

/// <summary>How CPU convolutions run: see <see cref="Runtime"/>'s remarks on convolutions (Runtime.OneDnn.cs).</summary>
public enum ConvolutionPath
{
    /// <summary>libtorch's own choice (oneDNN for float32): before any module that convolves is built, or VAE_CONVOLUTIONS=onednn.</summary>
    OneDnn,
    /// <summary>oneDNN off: ATen's kernels for every CPU convolution in the process (when the self-check fails, or VAE_CONVOLUTIONS=aten).</summary>
    Aten,
    /// <summary>oneDNN on, but the library's layers (Nn.CheckedConvolution) compute backward-data as forward convolutions (the default).</summary>
    OneDnnForwardOnly,
}
