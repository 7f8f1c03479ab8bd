using System.ComponentModel;
using Spectre.Console.Cli;
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
