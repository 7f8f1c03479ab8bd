namespace Vae.Samplers;

/// <summary>What <c>pixelcnn-prior.json</c> records: the prior's options, the seed of its fit, the codes it saw and its loss per epoch (nats per code grid).</summary>
public sealed record PixelCnnPriorInfo(PixelCnnPriorOptions Options, long Seed, int Examples, double[] History);
