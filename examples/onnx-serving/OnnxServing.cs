using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace OnnxServingExample;

/// <summary>
/// Serving a model exported by `vae export RUN --format onnx --out DIR` with ONNX Runtime alone (no TorchSharp, no
/// vae library): encoder.onnx takes x [N, D] (float32, an image flattened channel-major) and gives mu and logvar
/// [N, d]; decoder.onnx takes z [N, d] and gives the likelihood's parameters (logits and probs, or mean and logvar).
/// The tests compile this file and check its answers against the model it was exported from.
/// </summary>
public static class OnnxServing
{
    /// <summary>Encodes one row x (D values): the posterior mean and log-variance of its code.</summary>
    public static (float[] Mu, float[] LogVar) EncodeRow(string encoderPath, float[] x)
    {
        using var session = new InferenceSession(encoderPath);
        var input = new DenseTensor<float>(x, [1, x.Length]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("x", input)]);
        float[] Output(string name) => results.First(r => r.Name == name).AsTensor<float>().ToArray();
        return (Output("mu"), Output("logvar"));
    }

    /// <summary>Decodes one code z (d values) into the decoder's output named <paramref name="output"/> (e.g. "probs" or "mean").</summary>
    public static float[] DecodeRow(string decoderPath, float[] z, string output)
    {
        using var session = new InferenceSession(decoderPath);
        var input = new DenseTensor<float>(z, [1, z.Length]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("z", input)], [output]);
        return results.First().AsTensor<float>().ToArray();
    }
}
