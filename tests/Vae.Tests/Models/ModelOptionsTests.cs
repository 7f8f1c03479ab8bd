using System.Text.Json;
using Vae.Distributions;
using Vae.IO;
using Vae.Models;
using Vae.Nn;

namespace Vae.Tests.Models;

/// <summary>The composed model's options: each architecture's settings live in its own record, so config.json cannot hold a combination no network has.</summary>
public class ModelOptionsTests
{
    public static TheoryData<ModelOptions> Compositions() =>
    [
        ModelOptions.MnistMlp,
        ModelOptions.MnistConv with { Posterior = PosteriorKind.PointMass },
        ModelOptions.MnistMlp with { Network = new LinearNetwork(), Likelihood = LikelihoodKind.GaussianLearned },
        ModelOptions.SmilesGru with { Classes = 30, Network = new SequenceNetwork { Encoder = SequenceEncoderKind.Gru, WordDropout = 0.1 }, PropertyHead = new PropertyHeadOptions { Hidden = [8], Targets = 1, Mean = [3], Scale = [2] } },
        ModelOptions.MnistMlp with { PixelCnn = new PixelCnnOptions { Features = 8, Layers = 1, ZInjection = ZInjection.Film } },
        ModelOptions.MnistMlp with { Likelihood = LikelihoodKind.NegativeBinomial, Conditions = 2, LatentLibrary = new LatentLibraryOptions { LogMean = [1, 2], LogVariance = [0.5, 0.25] } },
    ];

    [Theory]
    [MemberData(nameof(Compositions))]
    public void Every_Composition_Round_Trips_Through_Config_Json(ModelOptions options)
    {
        string json = JsonSerializer.Serialize(options, Json.Strict);
        var back = JsonSerializer.Deserialize<ModelOptions>(json, Json.Strict)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, Json.Strict));
        Assert.Equal(options.Network.GetType(), back.Network.GetType());
    }

    [Fact]
    public void A_Setting_Of_Another_Architecture_Is_Refused()
    {
        string json = JsonSerializer.Serialize(ModelOptions.MnistConv, Json.Strict).Replace("\"kind\": \"conv\",", "\"kind\": \"conv\",\n    \"z_injection\": \"film\",");
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ModelOptions>(json, Json.Strict));
        Assert.Contains("z_injection", e.Message);
    }

    [Fact]
    public void The_Autoencoder_Is_The_Point_Mass_Composition()
    {
        using var model = new VaeModel(TestModels.SmallMlp() with { Posterior = PosteriorKind.PointMass }, seed: 1);
        Assert.False(model.IsVariational);
        var terms = model.Terms(TorchSharp.torch.rand(4, 16));
        Assert.True(terms.Posterior.IsPointMass);
        Assert.Equal(0f, terms.Kl.abs().sum().item<float>());
    }

    [Fact]
    public void Parameter_Names_Keep_The_Format_1_Layout()
    {
        var options = ModelOptions.MnistMlp with { PropertyHead = new PropertyHeadOptions { Hidden = [4], Targets = 1 } };
        using var model = new VaeModel(options, seed: 1);
        var names = model.named_parameters().Select(p => p.name).ToList();
        Assert.Equal(["encoder.layers.0.weight", "encoder.layers.0.bias", "head.weight", "head.bias",
            "decoder.network.layers.0.weight", "decoder.network.layers.0.bias", "decoder.network.layers.2.weight", "decoder.network.layers.2.bias",
            "propertyHead.layers.0.weight", "propertyHead.layers.0.bias", "propertyHead.layers.2.weight", "propertyHead.layers.2.bias"], names);
        Assert.Equal(model.named_parameters().Take(4).Select(p => p.parameter.Handle), model.EncoderParameters().Select(p => p.Handle));
    }
}
