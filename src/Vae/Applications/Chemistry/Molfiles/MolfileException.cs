namespace Vae.Applications.Chemistry.Molfiles;

/// <summary>Why a molfile or SDF record cannot be read, and the file's line where that shows.</summary>
public sealed class MolfileException(string reason, int line) : Exception(reason)
{
    /// <summary>The line (1-based) of the file where the problem is.</summary>
    public int Line { get; } = line;
}
