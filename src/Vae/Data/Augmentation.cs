namespace Vae.Data;

/// <summary>How training examples are varied from epoch to epoch (<c>--augment</c>).</summary>
public enum Augmentation
{
    /// <summary>Each example as the source gives it.</summary>
    None,
    /// <summary>Token sequences (SMILES): a random valid spelling of each molecule every epoch (Bjerrum 2017).</summary>
    Randomized,
}
