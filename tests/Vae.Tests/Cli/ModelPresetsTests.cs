using Vae.Cli.Commands;
using Vae.Models;
using Vae.Presets;

namespace Vae.Tests.Cli;

public class ModelPresetsTests
{
    [Theory]
    [InlineData("mlp", ModelKind.Vae, Architecture.Mlp)]
    [InlineData("conv", ModelKind.Vae, Architecture.Conv)]
    [InlineData("linear", ModelKind.Vae, Architecture.Linear)]
    [InlineData("ae", ModelKind.Autoencoder, Architecture.Mlp)]
    [InlineData("CONV-AE", ModelKind.Autoencoder, Architecture.Conv)]
    [InlineData("smiles", ModelKind.Vae, Architecture.Sequence)]
    public void Given_A_Model_Name_Then_The_Preset_Has_Its_Kind_And_Architecture(string name, ModelKind kind, Architecture architecture)
    {
        var preset = ModelPresets.ByName[name];
        Assert.Equal((kind, architecture), (preset.Options.Kind, preset.Options.Architecture));
    }

    [Fact]
    public void Given_Model_Options_Then_Train_Builds_Its_Model_From_The_Named_Preset()
    {
        var config = new TrainSettings { Model = "conv", Latent = 8 }.ToRunConfig();
        Assert.Equal(ModelPresets.Conv.Options with { Latent = 8, Channels = null }, config.Model with { Channels = null });
        Assert.Equal("mlp, conv, linear, ae, conv-ae, smiles", ModelPresets.Names);
    }
}
