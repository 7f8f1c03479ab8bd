namespace Vae.Cli.Commands;

/// <summary>The options of data-parallel training (Open MPI).</summary>
public partial class TrainSettings : IRankSettings
{
    [CommandOption("--ranks <N>")]
    [Description("Data-parallel training on this machine: starts mpirun with N ranks (Open MPI), each computing 1/N of every batch (--batch-size stays the global batch and must be divisible by N); the result equals one process's. Across machines run mpirun yourself (README: Past one machine).")]
    public int? Ranks { get; init; }

    [CommandOption("--rank-timeout <SECONDS>")]
    [Description("Data-parallel training: stop every rank when one has not answered for this long during training (default 30; ten times as long at an epoch's end, while rank 0 validates and writes the checkpoint).")]
    public double? RankTimeout { get; init; }
}
