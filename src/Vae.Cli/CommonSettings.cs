using TorchSharp;

namespace Vae.Cli;

/// <summary>Options every verb takes.</summary>
public class CommonSettings : CommandSettings
{
    [CommandOption("--device <DEVICE>")]
    [Description("Where tensors live: cpu, cuda or cuda:<index>.")]
    [DefaultValue("cpu")]
    public string Device { get; init; } = "cpu";

    [CommandOption("--threads <N>")]
    [Description("CPU threads for libtorch (default: libtorch's choice, one per core).")]
    public int? Threads { get; init; }

    [CommandOption("--gemm <ROUTE>")]
    [Description("Matrix products of linear layers on the CPU: libtorch (default) or openblas (Debian's libopenblas0-pthread; see docs/results/performance.md).")]
    [DefaultValue("libtorch")]
    public string Gemm { get; init; } = "libtorch";

    [CommandOption("--verbose")]
    [Description("Print stack traces with errors.")]
    public bool Verbose { get; init; }

    /// <summary>Applies the thread setting and returns the parsed device.</summary>
    public torch.Device Setup()
    {
        if (Threads is int n)
        {
            if (n < 1) throw new VaeException($"--threads {n}: must be ≥ 1.");
            torch.set_num_threads(n);
        }
        Vae.Nn.BlasLinear.Enabled = Gemm.Trim().ToLowerInvariant() switch
        {
            "libtorch" => false,
            "openblas" => Vae.Nn.BlasLinear.Available ? true
                : throw new VaeException("--gemm openblas: libopenblas.so.0 is not installed (Debian: apt-get install libopenblas0-pthread)."),
            _ => throw new VaeException($"--gemm {Gemm}: use libtorch or openblas."),
        };
        return Devices.Parse(Device);
    }
}

/// <summary>Options of verbs that read a trained model folder.</summary>
public class ModelSettings : CommonSettings
{
    [CommandArgument(0, "<model-dir>")]
    [Description("A model folder written by `vae train`.")]
    public string ModelDir { get; init; } = "";
}
