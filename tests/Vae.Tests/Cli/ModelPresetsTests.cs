using Vae.Cli.Commands;
using Vae.Models;
using Vae.Presets;

namespace Vae.Tests.Cli;

public class ModelPresetsTests
{
    [Theory]
    [InlineData("mlp", true, "Mlp")]
    [InlineData("conv", true, "Conv")]
    [InlineData("linear", true, "Linear")]
    [InlineData("ae", false, "Mlp")]
    [InlineData("CONV-AE", false, "Conv")]
    [InlineData("smiles", true, "Sequence")]
    public void Given_A_Model_Name_Then_The_Preset_Has_Its_Posterior_And_Network(string name, bool variational, string network)
    {
        var preset = ModelPresets.ByName[name];
        Assert.Equal((variational, network), (preset.Options.IsVariational, preset.Options.Network.Name));
    }

    [Fact]
    public void Given_Model_Options_Then_Train_Builds_Its_Model_From_The_Named_Preset()
    {
        var config = new TrainSettings { Model = "conv", Latent = 8 }.ToRunConfig();
        var conv = Assert.IsType<ConvNetwork>(config.Model.Network);
        Assert.Equal(((ConvNetwork)ModelPresets.Conv.Options.Network).Hidden, conv.Hidden);
        Assert.Equal(ModelPresets.Conv.Options with { Latent = 8, Network = conv }, config.Model);
        Assert.Equal("mlp, conv, linear, ae, conv-ae, smiles", ModelPresets.Names);
    }

    [Theory]
    [InlineData("--model conv --z-injection film", "z injection into every layer is available for the mlp and PixelCNN decoders, not Conv")]
    [InlineData("--model linear --z-injection every-layer", "z injection into every layer is available for the mlp and PixelCNN decoders, not Linear")]
    [InlineData("--model mlp --channels 16,32", "--channels: the mlp network has no convolutions")]
    [InlineData("--model mlp --word-dropout 0.2", "word dropout needs a sequence model")]
    [InlineData("--model smiles --decoder pixel-cnn", "a sequence model has its own GRU decoder")]
    [InlineData("--model ae --posterior full-covariance", "an autoencoder has no posterior covariance")]
    public void Options_That_No_Network_Can_Hold_Are_Refused_By_Name(string args, string message)
    {
        var parts = args.Split(' ');
        var settings = new TrainSettings
        {
            Model = parts[1],
            ZInjection = Value("--z-injection") ?? "input",
            WordDropout = double.Parse(Value("--word-dropout") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            Decoder = Value("--decoder") ?? "mirror",
            Posterior = Value("--posterior") ?? "diagonal",
            Channels = Value("--channels"),
        };
        Assert.Contains(message, Assert.Throws<VaeException>(() => settings.ToRunConfig()).Message);

        string? Value(string name) => Array.IndexOf(parts, name) is int i and >= 0 ? parts[i + 1] : null;
    }
}
