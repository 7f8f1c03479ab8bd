namespace Vae.Applications.Chemistry.Selfies;

/// <summary>Why a SMILES string cannot be written as SELFIES, or a SELFIES string cannot be read; the message is the reason a user sees.</summary>
public sealed class SelfiesException(string reason) : Exception(reason);
