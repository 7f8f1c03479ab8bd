using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using Vae.Distributions;
using Vae.Models;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace Vae.Tests.Export;

/// <summary>Runs exported graphs in ONNX Runtime and compares them with the TorchSharp model they came from.</summary>
public static class OnnxRunner
{
    /// <summary>All outputs of the graph at <paramref name="path"/> for the float input [rows, width] named <paramref name="input"/>.</summary>
    public static Dictionary<string, float[]> Run(string path, string input, float[] values, int rows)
    {
        using var session = new InferenceSession(path);
        var tensor = new DenseTensor<float>(values, [rows, values.Length / rows]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, tensor)]);
        return results.ToDictionary(r => r.Name, r => r.AsTensor<float>().ToArray());
    }

    public static float[] Values(Tensor t) => t.detach().cpu().contiguous().data<float>().ToArray();

    /// <summary>The largest |a − b| (and fails when the lengths differ or a value is not finite).</summary>
    public static double MaxAbsDifference(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(float.IsFinite(actual[i]), $"entry {i} is {actual[i]}");
            max = Math.Max(max, Math.Abs(expected[i] - actual[i]));
        }
        return max;
    }

    /// <summary>
    /// Runs encoder.onnx and decoder.onnx in <paramref name="dir"/> on <paramref name="x"/> [B, D] and checks every output
    /// against the model: μ and log σ² (or z), then the decoder at z = μ: logits and probabilities, or the Gaussian's mean
    /// and log σ² (checked through log p(x|z), which the model computes its own way). Returns the largest difference.
    /// </summary>
    public static double CompareWithModel(VaeModel model, string dir, Tensor x)
    {
        using var scope = NewDisposeScope();
        using var evaluating = EvaluationMode.Enter(model);
        int rows = (int)x.shape[0], d = model.Options.Latent, features = model.Options.Input.Size;
        var batch = new Batch(x);
        var encoded = Run(Path.Combine(dir, "encoder.onnx"), "x", Values(x), rows);
        var q = model.Encode(batch);
        double worst;
        if (model.IsVariational)
        {
            var gaussian = (DiagonalGaussian)q;
            worst = Math.Max(MaxAbsDifference(Values(gaussian.Mean), encoded["mu"]), MaxAbsDifference(Values(gaussian.LogVariance!), encoded["logvar"]));
        }
        else worst = MaxAbsDifference(Values(q.Mean), encoded["z"]);

        var z = q.Mean;
        var decoded = Run(Path.Combine(dir, "decoder.onnx"), "z", Values(z), rows);
        var parameters = model.Decode(z, batch);
        if (model.Likelihood is GaussianLikelihood)
        {
            worst = Math.Max(worst, MaxAbsDifference(Values(parameters), decoded["mean"]));
            // log p(x|z) from the graph's mean and log σ², against the model's own log-likelihood
            var expected = Values(model.LogLikelihood(batch, z));
            var xs = Values(x);
            for (int i = 0; i < rows; i++)
            {
                double logp = 0;
                for (int j = 0; j < features; j++)
                {
                    double m = decoded["mean"][i * features + j], lv = decoded["logvar"][i * features + j], r = xs[i * features + j] - m;
                    logp += -0.5 * (Math.Log(2 * Math.PI) + lv + r * r * Math.Exp(-lv));
                }
                Assert.True(Math.Abs(logp - expected[i]) <= 1e-4 * (1 + Math.Abs(expected[i])), $"row {i}: log p(x|z) {logp} from the graph, {expected[i]} from the model");
            }
        }
        else
        {
            worst = Math.Max(worst, MaxAbsDifference(Values(parameters), decoded["logits"]));
            worst = Math.Max(worst, MaxAbsDifference(Values(model.Likelihood.Mean(parameters)), decoded["probs"]));
        }
        Assert.Equal(d, encoded.Values.First().Length / rows);
        return worst;
    }
}
