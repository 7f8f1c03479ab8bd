using System.Globalization;
using System.Text;
using TorchSharp;
using TorchSharp.Modules;
using Vae.Distributions;
using Vae.Models;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Export.Torch;

/// <summary>
/// Writes vae_model.py: a PyTorch module file that mirrors a model's modules one for one, read from the modules
/// themselves (their registered names, weight shapes, kernel, stride, padding, slopes), so that its state dict has our
/// keys and its forward passes compute ours: <c>Encoder</c> (the trunk x → h), <c>Decoder</c> (z → the decoder's
/// output), <c>Likelihood</c> (the decoder's output → the parameters of p(x|z)) and <c>VAE</c> (with the posterior head;
/// <c>encode</c>, <c>decode</c>), then the loader of <see cref="PythonSupport"/>. A module it does not know is refused by name.
/// </summary>
public sealed class PythonModule
{
    private readonly VaeModel model;
    private readonly SortedDictionary<string, string> helpers = [];   // the container classes used (Mlp, ConvDecoder), by name

    private PythonModule(VaeModel model) => this.model = model;

    /// <summary>The text of vae_model.py for <paramref name="model"/>, loading <paramref name="weightsFile"/> by default.</summary>
    public static string Generate(VaeModel model, string weightsFile, string source) => new PythonModule(model).Write(weightsFile, source);

    private string Write(string weightsFile, string source)
    {
        var o = model.Options;
        int d = o.Input.Size;
        // The bodies first: they record which helper classes are needed.
        string encoder = Class("Encoder", $"The encoder trunk: x [N, {d}] -> features h (the toolkit's {model.EncoderTrunk.GetType().Name}).",
            model.EncoderTrunk, "x");
        string decoder = Class("Decoder", $"z [N, {o.Latent}] -> the decoder's output [N, {d}] ({DecodedName()}).", DecoderNetwork(), "z");
        var py = new StringBuilder();
        py.Append(Header(weightsFile, source));
        foreach (string helper in helpers.Values) py.Append(helper).Append("\n\n");
        py.Append(encoder).Append("\n\n").Append(decoder).Append("\n\n").Append(LikelihoodClass()).Append("\n\n").Append(VaeClass());
        py.Append("\n\n").Append(PythonSupport.Loader);
        return py.ToString();
    }

    private string Header(string weightsFile, string source)
    {
        var o = model.Options;
        var (first, second) = DecodedOutputs();
        string z = model.IsVariational ? "mu" : "z";
        string[] code = ["import vae_model", "model = vae_model.load(\"DIR\")", model.IsVariational ? "mu, logvar = model.encode(x)" : "z = model.encode(x)",
            $"{first}, {second} = model.decode({z})"];
        string[] comments = ["", $"# the folder of this file, config.json and {weightsFile}", $"# x: float32 [N, {o.Input.Size}]", $"# the parameters of p(x|z), [N, {o.Input.Size}]"];
        int width = code.Max(c => c.Length) + 2;
        string usage = string.Join("\n", code.Zip(comments, (c, m) => "    " + (m.Length == 0 ? c : c.PadRight(width) + m)));
        return $$""""
            """A {{(model.IsVariational ? "variational autoencoder" : "autoencoder")}} exported by `vae export --format {{(weightsFile.EndsWith(".pt") ? "pt" : "safetensors")}}` (the .NET toolkit), as PyTorch modules.

            Generated from {{source}}; the state dict's keys are the toolkit's own, so the weights load as they are.
            Network {{o.Network.Name.ToLowerInvariant()}}, input {{o.Input.Channels}}x{{o.Input.Height}}x{{o.Input.Width}} ({{o.Input.Size}} values per example, channel-major), latent {{o.Latent}},
            likelihood {{LikelihoodName(o.Likelihood)}}{{(o.InputTransform == InputTransform.Log1p ? ", log1p applied to x inside encode" : "")}}.

            {{usage}}

            Needs only torch (.safetensors files are read by read_safetensors below).
            """
            import ctypes
            import json
            import math
            import os
            import struct

            import torch
            import torch.nn.functional as F
            from torch import nn

            INPUT_SHAPE = ({{o.Input.Channels}}, {{o.Input.Height}}, {{o.Input.Width}})
            LATENT = {{o.Latent}}
            LIKELIHOOD = "{{LikelihoodName(o.Likelihood)}}"
            MIN_LOGVAR, MAX_LOGVAR = {{Number(DiagonalGaussian.MinLogVariance)}}, {{Number(DiagonalGaussian.MaxLogVariance)}}   # log sigma^2 of q(z|x) is clamped to these
            WEIGHTS = "{{weightsFile}}"



            """";
    }

    // A class whose attributes are the module's registered children (so its keys are the module's), with its forward pass.
    private string Class(string name, string doc, nn.Module module, string input)
    {
        var children = module.named_children().ToList();
        string forward = Forward(module, input, children.Select(c => c.name).ToList());
        var s = new StringBuilder();
        s.Append($"class {name}(nn.Module):\n    \"\"\"{doc}\"\"\"\n\n    def __init__(self):\n        super().__init__()\n");
        foreach (var (childName, child) in children) s.Append($"        self.{childName} = {Expression(child, 8)}\n");
        s.Append($"\n    def forward(self, {input}):\n        return {forward}\n");
        return s.ToString();
    }

    // A container class whose constructor takes its children (by their registered names) and any constants.
    private void Helper(string name, string doc, nn.Module module, string input, Func<IReadOnlyList<string>, string> forward, params string[] constants)
    {
        if (helpers.ContainsKey(name)) return;
        var names = module.named_children().Select(c => c.name).ToList();
        var s = new StringBuilder();
        s.Append($"class {name}(nn.Module):\n    \"\"\"{doc}\"\"\"\n\n    def __init__(self, {string.Join(", ", names.Concat(constants))}):\n        super().__init__()\n");
        foreach (string n in names.Concat(constants)) s.Append($"        self.{n} = {n}\n");
        s.Append($"\n    def forward(self, {input}):\n        return {forward(names)}\n");
        helpers[name] = s.ToString();
    }

    private string Forward(nn.Module module, string x, IReadOnlyList<string> names) => module switch
    {
        Mlp => $"self.{names[0]}({x})",
        ConvEncoder => $"self.{names[1]}(self.{names[0]}({x}.view(-1, {model.Options.Input.Channels}, {model.Options.Input.Height}, {model.Options.Input.Width})))",
        Identity => x,
        FeedForwardDecoder => $"self.{names[0]}({x})",
        _ => throw Untranslatable(module),
    };

    private nn.Module DecoderNetwork() => model.Decoder is FeedForwardDecoder ? model.Decoder : throw Untranslatable(model.Decoder);

    // A Python expression that builds the module (and its children), indented for a line starting at column `indent`.
    private string Expression(nn.Module module, int indent)
    {
        string pad = new(' ', indent + 4), end = new(' ', indent);
        switch (module)
        {
            case Sequential:
                var items = module.children().Select(c => pad + Expression(c, indent + 4) + ",\n");
                return "nn.Sequential(\n" + string.Concat(items) + end + ")";
            case Mlp:
                Helper("Mlp", "Linear layers and activations in a row (the toolkit's Mlp).", module, "x", names => $"self.{names[0]}(x)");
                return $"Mlp({Expression(module.children().Single(), indent)})";
            case ConvDecoder:
                Helper("ConvDecoder", "Dense layers, a reshape to [N, C, h, w], transposed convolutions, flattened channel-major (the toolkit's ConvDecoder).",
                    module, "z", names => $"self.{names[1]}(self.{names[0]}(z).view(-1, *self.grid))", "grid");
                var parts = module.named_children().Select(c => $"{pad}{c.name}={Expression(c.module, indent + 4)},\n");
                var stack = ConvStack.For(model.Options.Input, (model.Options.Network as ConvNetwork)?.Channels);
                return "ConvDecoder(\n" + string.Concat(parts) + $"{pad}grid=({stack.Channels[^1]}, {stack.OutHeight}, {stack.OutWidth}),\n{end})";
            case Linear linear:
                var w = linear.weight!.shape;
                return $"nn.Linear({w[1]}, {w[0]}{(linear.bias is null ? ", bias=False" : "")})";
            case Conv2d conv:
                return Convolution("nn.Conv2d", conv, conv.weight!.shape[1] * conv.groups, conv.weight.shape[0], conv.bias is not null);
            case ConvTranspose2d conv:
                return Convolution("nn.ConvTranspose2d", conv, conv.weight!.shape[0], conv.weight.shape[1] * conv.groups, conv.bias is not null);
            case Flatten f when f.start_dim == 1 && f.end_dim == -1:
                return "nn.Flatten()";
            case Identity:
                return "nn.Identity()";
            default:
                return Activation(module);
        }
    }

    private static string Activation(nn.Module module) => module switch
    {
        ReLU => "nn.ReLU()",
        Tanh => "nn.Tanh()",
        Sigmoid => "nn.Sigmoid()",
        SiLU => "nn.SiLU()",
        LeakyReLU leaky => $"nn.LeakyReLU({Number(leaky.negative_slope)})",
        ELU elu => $"nn.ELU(alpha={Number(elu.alpha)})",
        GELU gelu => gelu.approximate == GELU.Approximate.none ? "nn.GELU()" : "nn.GELU(approximate=\"tanh\")",
        Softplus softplus => $"nn.Softplus(beta={Number(softplus.beta)}, threshold={Number(softplus.threshold)})",
        _ => throw Untranslatable(module),
    };

    private static string Convolution(string type, Convolution conv, long inChannels, long outChannels, bool bias)
    {
        if (conv.padding_type is not null || conv.padding_mode != PaddingModes.Zeros)
            throw new VaeException($"the {type} layer pads by {conv.padding_mode}/{conv.padding_type}; only explicit zero padding is exported");
        var s = new StringBuilder($"{type}({inChannels}, {outChannels}, kernel_size={Tuple(conv.kernel_size)}, stride={Tuple(conv.stride)}, padding={Tuple(conv.padding!)}");
        if (conv.dilation.Any(v => v != 1)) s.Append($", dilation={Tuple(conv.dilation)}");
        if (conv.groups != 1) s.Append($", groups={conv.groups}");
        if (conv is ConvTranspose2d && conv.output_padding.Any(p => p != 0)) s.Append($", output_padding={Tuple(conv.output_padding)}");
        if (!bias) s.Append(", bias=False");
        return s.Append(')').ToString();
    }

    private string LikelihoodClass()
    {
        var o = model.Options;
        int d = o.Input.Size;
        string floor = Number(o.SigmaFloor);
        return o.Likelihood switch
        {
            LikelihoodKind.Bernoulli => """"
                class Likelihood(nn.Module):
                    """Bernoulli p(x|z): the decoder's outputs are its logits; probs = sigmoid(logits) is the mean of p(x|z)."""

                    def forward(self, logits):
                        return logits, torch.sigmoid(logits)

                """",
            LikelihoodKind.Gaussian => $$""""
                class Likelihood(nn.Module):
                    """Gaussian p(x|z) = N(mean, sigma^2) with sigma fixed at {{Number(o.Sigma)}}: the decoder's outputs are the means."""

                    def forward(self, mean):
                        return mean, torch.full_like(mean, 2 * math.log({{Number(o.Sigma)}}))

                """",
            LikelihoodKind.GaussianLearned or LikelihoodKind.GaussianPerFeature => $$""""
                class Likelihood(nn.Module):
                    """Gaussian p(x|z) = N(mean, sigma^2) with {{(o.Likelihood == LikelihoodKind.GaussianLearned ? "one learned sigma" : "a learned sigma per feature")}} = {{floor}} + softplus(rho): the decoder's outputs are the means."""

                    def __init__(self):
                        super().__init__()
                        self.rho = nn.Parameter(torch.zeros({{(o.Likelihood == LikelihoodKind.GaussianLearned ? 1 : d)}}))

                    def forward(self, mean):
                        return mean, (2 * torch.log({{floor}} + F.softplus(self.rho))).expand_as(mean)

                """",
            LikelihoodKind.GaussianOptimal => $$""""
                class Likelihood(nn.Module):
                    """Gaussian p(x|z) = N(mean, sigma^2), sigma^2 = max(calibrated_variance, {{floor}}^2) (the sigma-VAE's running MSE): the decoder's outputs are the means."""

                    def __init__(self):
                        super().__init__()
                        self.register_buffer("calibrated_variance", torch.ones(1))

                    def forward(self, mean):
                        return mean, torch.log(self.calibrated_variance.clamp_min({{floor}} ** 2)).expand_as(mean)

                """",
            _ => throw new VaeException($"the {o.Likelihood} likelihood has no PyTorch translation here"),
        };
    }

    private string VaeClass()
    {
        var o = model.Options;
        var head = model.PosteriorHead.weight!.shape;
        var (first, second) = DecodedOutputs();
        string x = o.InputTransform == InputTransform.Log1p ? "torch.log1p(x)" : "x";
        string encode = model.IsVariational
            ? $$""""
                def encode(self, x):
                    """x [N, {{o.Input.Size}}] -> mu, logvar [N, {{o.Latent}}]: q(z|x) = N(mu, diag(exp(logvar)))."""
                    mu, logvar = self.head(self.encoder({{x}})).chunk(2, dim=-1)
                    return mu, logvar.clamp(MIN_LOGVAR, MAX_LOGVAR)
            """"
            : $$""""
                def encode(self, x):
                    """x [N, {{o.Input.Size}}] -> z [N, {{o.Latent}}] (an autoencoder: q(z|x) is a point mass at z)."""
                    return self.head(self.encoder({{x}}))
            """";
        string code = model.IsVariational ? "self.encode(x)[0]" : "self.encode(x)";
        return $$""""
            class VAE(nn.Module):
                """Encoder, posterior head, decoder and likelihood, registered in the toolkit's order and under its names."""

                def __init__(self):
                    super().__init__()
                    self.encoder = Encoder()
                    self.head = nn.Linear({{head[1]}}, {{head[0]}})
                    self.decoder = Decoder()
                    self.likelihood = Likelihood()

            {{encode}}

                def decode(self, z):
                    """z [N, {{o.Latent}}] -> {{first}}, {{second}} [N, {{o.Input.Size}}]: the parameters of p(x|z)."""
                    return self.likelihood(self.decoder(z))

                def forward(self, x):
                    """The parameters of p(x|z) at the {{(model.IsVariational ? "posterior mean" : "code")}} of x."""
                    return self.decode({{code}})

            """";
    }

    private (string First, string Second) DecodedOutputs() => model.Options.Likelihood == LikelihoodKind.Bernoulli ? ("logits", "probs") : ("mean", "logvar");

    private string DecodedName() => model.Options.Likelihood == LikelihoodKind.Bernoulli ? "Bernoulli logits" : "Gaussian means";

    internal static string LikelihoodName(LikelihoodKind kind) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    private static string Tuple(long[] values) => values.Length == 1 ? $"({values[0]},)" : "(" + string.Join(", ", values) + ")";

    /// <summary>A float literal Python reads back to the same double.</summary>
    internal static string Number(double value)
    {
        string s = value.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') || s.Contains("Infinity") || s.Contains("NaN") ? s : s + ".0";
    }

    private static VaeException Untranslatable(nn.Module module) => new($"the layer {module.GetType().Name} has no PyTorch translation here");
}
