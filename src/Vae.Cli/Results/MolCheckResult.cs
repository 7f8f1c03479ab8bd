namespace Vae.Cli.Results;

/// <summary>One line of `vae mol check --json`.</summary>
public sealed record MolCheckResult(string Smiles, bool Valid, string Reason);
