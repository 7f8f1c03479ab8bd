using TorchSharp;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>RAE-L2: the decoder's regularizer is ‖θ_dec‖², reported as <c>decoder_decay</c>.</summary>
public sealed class RaeL2Objective(ObjectiveOptions options, RaeL2Options rae) : RaeObjective(options, rae)
{
    protected override string RegularizerName => "decoder_decay";

    protected override double RegularizerWeight => rae.DecoderDecay;

    protected override Tensor Regularizer(VaeModel model, Batch batch, Tensor z, Generator? generator) => DecoderDecay(model);

    /// <summary>‖θ_dec‖²: the sum of squares of every parameter of the decoder network (weights and biases; not the likelihood's).</summary>
    public static Tensor DecoderDecay(VaeModel model) => stack(model.Decoder.parameters().Select(p => p.square().sum()).ToArray()).sum();
}
