using TorchSharp;
using Vae.Distributions;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Export.Torch;

/// <summary>
/// What vae_model.py's <c>encode(x)</c> and <c>decode</c> (at encode's first output) return, computed by this toolkit,
/// by name: <c>encode.mu</c>, <c>encode.logvar</c> (an autoencoder: <c>encode.z</c>), then <c>decode.logits</c>,
/// <c>decode.probs</c> (Bernoulli) or <c>decode.mean</c>, <c>decode.logvar</c> (Gaussian); each float32 [N, width],
/// row-major. The checks of an export against PyTorch and of an import against its source compare these.
/// </summary>
public static class ExportedOutputs
{
    public static Dictionary<string, float[]> Compute(VaeModel model, Tensor x)
    {
        using var scope = NewDisposeScope();
        using var evaluating = EvaluationMode.Enter(model);
        var o = model.Options;
        var q = (DiagonalGaussian)model.Encode(new Batch(x));
        var outputs = new Dictionary<string, float[]>();
        if (model.IsVariational)
        {
            outputs["encode.mu"] = Values(q.Mean);
            outputs["encode.logvar"] = Values(q.LogVariance!);
        }
        else outputs["encode.z"] = Values(q.Mean);
        var decoded = model.Decode(q.Mean);
        if (model.Likelihood is GaussianLikelihood gaussian)
        {
            var sigma = gaussian.Sigma();
            var row = Enumerable.Range(0, o.Input.Size).Select(j => (float)(2 * Math.Log(sigma.Length == 1 ? sigma[0] : sigma[j]))).ToArray();
            outputs["decode.mean"] = Values(decoded);
            outputs["decode.logvar"] = [.. Enumerable.Range(0, (int)x.shape[0]).SelectMany(_ => row)];
        }
        else
        {
            outputs["decode.logits"] = Values(decoded);
            outputs["decode.probs"] = Values(decoded.sigmoid());
        }
        return outputs;
    }

    static float[] Values(Tensor t) => t.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
}
