using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>
/// A decoder: the latent code (with any conditions appended) → the likelihood's parameters.
/// An autoregressive decoder also sees x (teacher forcing: the parameters of value i depend on
/// the values before i), and generates by drawing one value after another.
/// </summary>
public abstract class Decoder : nn.Module
{
    protected Decoder(string name) : base(name) { }

    /// <summary>True when the parameters for x depend on x itself (in raster or sequence order).</summary>
    public virtual bool IsAutoregressive => false;

    // z: [B, d'] and (for autoregressive decoders) x: [B, D] -> [B, D·P]
    public abstract Tensor Forward(Tensor z, Tensor? x);

    /// <summary>As <see cref="Forward(Tensor, Tensor?)"/>, drawing any training-time noise (word dropout) from <paramref name="generator"/>.</summary>
    public virtual Tensor Forward(Tensor z, Tensor? x, Generator? generator) => Forward(z, x);

    /// <summary>
    /// Decodes z into data: the values' means under <paramref name="values"/> (or draws with <paramref name="sample"/>).
    /// Autoregressive decoders override this to generate value by value.
    /// </summary>
    public virtual Tensor Generate(Tensor z, IValueSampler values, bool sample, Generator? generator)
    {
        var decoded = Forward(z, null);
        return sample ? values.Sample(decoded, generator) : values.Mean(decoded);
    }
}

/// <summary>A decoder that is an ordinary network of z alone (MLP, transposed convolutions, linear).</summary>
public sealed class FeedForwardDecoder : Decoder
{
    private readonly nn.Module<Tensor, Tensor> network;

    public FeedForwardDecoder(nn.Module<Tensor, Tensor> network) : base(nameof(FeedForwardDecoder))
    {
        this.network = network;
        RegisterComponents();
    }

    public nn.Module<Tensor, Tensor> Network => network;

    // z: [B, d'] -> [B, D·P]
    public override Tensor Forward(Tensor z, Tensor? x) => network.call(z);
}
