namespace Vae.Export.Onnx;

/// <summary>
/// onnx.json beside the two graphs: what each graph takes and gives (names, shapes with "N" for the batch), the
/// data's shape, the input transform already inside the encoder, and the likelihood the decoder's outputs parameterize.
/// </summary>
public sealed record OnnxManifest(
    string Format,
    int Opset,
    long IrVersion,
    string Network,
    bool Variational,
    int[] InputShape,
    string InputTransform,
    int Latent,
    string Likelihood,
    OnnxGraphInfo Encoder,
    OnnxGraphInfo Decoder,
    string Notes);

/// <summary>One graph: its file, inputs and outputs.</summary>
public sealed record OnnxGraphInfo(string File, IReadOnlyList<OnnxTensorInfo> Inputs, IReadOnlyList<OnnxTensorInfo> Outputs);

/// <summary>A float32 tensor of a graph: name, shape (["N", width]) and what it holds.</summary>
public sealed record OnnxTensorInfo(string Name, object[] Shape, string Meaning)
{
    public OnnxTensorInfo(string name, int width, string meaning) : this(name, [OnnxGraph.BatchDimension, width], meaning) { }
}
