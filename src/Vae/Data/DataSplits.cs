namespace Vae.Data;

/// <summary>The training, validation (optional) and test parts of a data set.</summary>
public sealed record DataSplits(Dataset Train, Dataset? Validation, Dataset Test)
{
    public DataShape Shape => Train.Shape;
}
