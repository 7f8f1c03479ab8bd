namespace Vae.Applications.Chemistry;

/// <summary>Why a SMILES string is not a valid molecule; the message is the reason a user sees.</summary>
public sealed class SmilesException(string reason) : Exception(reason);
