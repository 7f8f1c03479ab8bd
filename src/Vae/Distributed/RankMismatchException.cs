namespace Vae.Distributed;

/// <summary>
/// The ranks of a run disagree about something that must be the same everywhere (options, data, code).
/// Every rank finds the same difference, so every rank throws the same message; only rank 0 prints it.
/// </summary>
public sealed class RankMismatchException(string message) : VaeException(message);
