namespace Vae.Runs;

/// <summary>
/// An optimizer whose state a model folder keeps (optimizer.dat), so that a run resumes exactly.
/// The folder only stores the bytes; the optimizer (Training's <c>FlatAdam</c>) defines them.
/// </summary>
public interface IOptimizerState
{
    /// <summary>Writes the state.</summary>
    void Save(BinaryWriter writer);

    /// <summary>Restores a state <see cref="Save"/> wrote, checking that it fits; <paramref name="path"/> names the file in errors.</summary>
    void Load(byte[] bytes, string path);
}
