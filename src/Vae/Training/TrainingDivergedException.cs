namespace Vae.Training;

/// <summary>A loss term became NaN or infinite; the message says which, where, and what was kept.</summary>
public sealed class TrainingDivergedException(string message) : VaeException(message);
