using Vae.Applications.SingleCell;

namespace Vae.Cli.Results;

/// <summary>The `vae sc simulate --json` object.</summary>
public sealed record ScSimulateResult(string? Out, SimulationOptions Options, CountSummary Summary);
