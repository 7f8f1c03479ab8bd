namespace Vae.Cli.Commands;

/// <summary>The TensorBoard log of `vae train` (not stored in config.json: give it again with --resume to go on logging).</summary>
public partial class TrainSettings
{
    [CommandOption("--tensorboard <DIR>")]
    [Description("Also write TensorBoard event files to DIR after every epoch (view with: tensorboard --logdir DIR): the metrics.jsonl scalars, KL per latent dimension, active units and I(x; z) on a validation subset, histograms of μ per dimension and of the parameters, and for image models grids of samples and reconstructions. Each invocation (also --resume) adds a new event file; steps are the optimizer's global step.")]
    public string? TensorBoard { get; init; }

    [CommandOption("--tensorboard-examples <N>")]
    [Description("Validation examples for the per-epoch TensorBoard diagnostics and histograms of μ (default 500).")]
    public int? TensorBoardExamples { get; init; }
}
