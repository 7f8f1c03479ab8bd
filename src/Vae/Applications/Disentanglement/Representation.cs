namespace Vae.Applications.Disentanglement;

/// <summary>
/// What the metrics evaluate: a function from <paramref name="count"/> observations (row-major,
/// count × observation size) to their codes (count × d, row-major), e.g. a VAE encoder's means.
/// It must be deterministic: the metrics call it on many batches and treat equal inputs as equal codes.
/// </summary>
public delegate float[] Representation(float[] observations, int count);
