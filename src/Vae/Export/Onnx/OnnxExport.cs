using System.Text.Json;
using Google.Protobuf;
using Vae.Distributions;
using Vae.IO;
using Vae.Models;

namespace Vae.Export.Onnx;

/// <summary>
/// Exports a trained model as two ONNX graphs (opset 17, float32, dynamic batch N) and a description:
/// <list type="bullet">
/// <item>encoder.onnx: x [N, D] → mu, logvar [N, d] (log σ², clamped as the model clamps it) for a VAE, or z [N, d]
/// for an autoencoder; the input transform (log1p) is inside.</item>
/// <item>decoder.onnx: z [N, d] → logits and probs [N, D] (Bernoulli), or mean and logvar [N, D] (Gaussian; logvar is
/// the likelihood's log σ², the same for every row).</item>
/// <item>onnx.json: <see cref="OnnxManifest"/>.</item>
/// </list>
/// A model the export cannot express is refused before anything is written (<see cref="ExportSupport"/>); the files are
/// written into a staging folder and moved into place together (<see cref="AtomicDirectory"/>).
/// </summary>
public static class OnnxExport
{
    public const string EncoderFile = "encoder.onnx", DecoderFile = "decoder.onnx", ManifestFile = "onnx.json";

    /// <summary>Writes the three files into <paramref name="outDir"/>; <paramref name="modelDir"/> names the model in errors.</summary>
    public static OnnxManifest Write(VaeModel model, string modelDir, string outDir)
    {
        var o = model.Options;
        ExportSupport.Check(o, modelDir, "ONNX");
        var (encoder, encoderInfo) = Encoder(model);
        var (decoder, decoderInfo) = Decoder(model);
        var manifest = new OnnxManifest("onnx", OnnxGraph.Opset, OnnxGraph.IrVersion, o.Network.Name.ToLowerInvariant(), model.IsVariational,
            [o.Input.Channels, o.Input.Height, o.Input.Width], o.InputTransform == InputTransform.Log1p ? "log1p" : "none", o.Latent,
            LikelihoodName(o.Likelihood), encoderInfo, decoderInfo,
            "float32, row-major; an example is its CxHxW values flattened channel-major, as the model reads them. Exported from " + Path.GetFullPath(modelDir));
        AtomicDirectory.Replace(outDir, dir =>
        {
            File.WriteAllBytes(Path.Combine(dir, EncoderFile), encoder.ToByteArray());
            File.WriteAllBytes(Path.Combine(dir, DecoderFile), decoder.ToByteArray());
            File.WriteAllText(Path.Combine(dir, ManifestFile), JsonSerializer.Serialize(manifest, Json.Pretty) + "\n");
        });
        return manifest;
    }

    static (global::Onnx.ModelProto, OnnxGraphInfo) Encoder(VaeModel model)
    {
        var o = model.Options;
        var g = new OnnxGraph("vae_encoder");
        var modules = new OnnxModules(g, o);
        string x = g.Input("x", o.Input.Size);
        if (o.InputTransform == InputTransform.Log1p) x = g.Node("Log", [g.Node("Add", [x, g.Constant("one", [1f])])]);
        string raw = modules.Apply(model.PosteriorHead, modules.Apply(model.EncoderTrunk, x));
        var input = new OnnxTensorInfo("x", o.Input.Size, o.InputTransform == InputTransform.Log1p ? "data (raw counts; log1p is applied inside)" : "data");
        if (!model.IsVariational)
        {
            g.Output(raw, "z", o.Latent);
            return (g.ToModel("vae encoder: x -> z"), new(EncoderFile, [input], [new("z", o.Latent, "the code (an autoencoder's point mass)")]));
        }
        string mu = g.Fresh("mu"), logvarRaw = g.Fresh("logvar_raw");
        g.Nodes("Split", [raw, g.Int64s("split", o.Latent, o.Latent)], [mu, logvarRaw], OnnxGraph.Int("axis", 1));
        string logvar = g.Node("Clip", [logvarRaw, g.Constant("min", [(float)DiagonalGaussian.MinLogVariance], []),
            g.Constant("max", [(float)DiagonalGaussian.MaxLogVariance], [])]);
        g.Output(mu, "mu", o.Latent);
        g.Output(logvar, "logvar", o.Latent);
        return (g.ToModel("vae encoder: x -> q(z|x) = N(mu, exp(logvar))"), new(EncoderFile, [input],
            [new("mu", o.Latent, "posterior mean"), new("logvar", o.Latent, "posterior log-variance log sigma^2")]));
    }

    static (global::Onnx.ModelProto, OnnxGraphInfo) Decoder(VaeModel model)
    {
        var o = model.Options;
        int d = o.Input.Size;
        var g = new OnnxGraph("vae_decoder");
        string decoded = new OnnxModules(g, o).Apply(model.Decoder, g.Input("z", o.Latent));
        var input = new OnnxTensorInfo("z", o.Latent, "latent code");
        if (model.Likelihood is not GaussianLikelihood gaussian)
        {
            g.Output(decoded, "logits", d);
            g.Output(g.Node("Sigmoid", [decoded]), "probs", d);
            return (g.ToModel("vae decoder: z -> Bernoulli logits, probs"), new(DecoderFile, [input],
                [new("logits", d, "Bernoulli logits"), new("probs", d, "Bernoulli probabilities sigmoid(logits): the mean of p(x|z)")]));
        }
        var sigma = gaussian.Sigma();
        var logVariance = Enumerable.Range(0, d).Select(j => (float)(2 * Math.Log(sigma.Length == 1 ? sigma[0] : sigma[j]))).ToArray();
        string logvar = g.Node("Expand", [g.Constant("logvar_row", logVariance, 1, d), g.Node("Shape", [decoded])]);
        g.Output(decoded, "mean", d);
        g.Output(logvar, "logvar", d);
        return (g.ToModel("vae decoder: z -> Gaussian mean, logvar"), new(DecoderFile, [input],
            [new("mean", d, "Gaussian mean of p(x|z)"), new("logvar", d, "Gaussian log sigma^2 of p(x|z) (the likelihood's, the same in every row)")]));
    }

    static string LikelihoodName(LikelihoodKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());
}
