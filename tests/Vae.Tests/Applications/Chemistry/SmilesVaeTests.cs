using TorchSharp;
using Vae.Applications.Chemistry;
using Vae.Data;
using Vae.Models;
using Vae.Objectives;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Applications.Chemistry;

[Collection(ProcessWide.Name)]
public class SmilesVaeTests
{
    static readonly string[] Handful = ["CCO", "c1ccccc1O", "CC(=O)Nc1ccccc1", "C1CCNCC1", "O=C(O)c1ccncc1", "CN1CCOCC1", "Clc1ccc(Br)cc1", "CC(C)Cc1ccc(cc1)C(C)C(=O)O"];

    static MoleculeSet Molecules(string[] smiles) => new("toy", smiles, smiles.Select(_ => (string?)null).ToArray(), [], []);

    /// <summary>A small SMILES VAE for the handful of molecules, its options completed from the data as training does.</summary>
    static (RunConfig Config, Dataset Data, SmilesVocabulary Vocabulary) Setup(string[] smiles, bool propertyHead = false)
    {
        var vocabulary = SmilesVocabulary.Build(smiles);
        var data = SmilesData.ToDataset(Molecules(smiles), vocabulary, maxTokens: 30, targets: propertyHead ? [SmilesData.TpsaTarget] : null);
        var config = new RunConfig
        {
            Model = ModelOptions.SmilesGru with { Latent = 8, Network = new SequenceNetwork { Embedding = 16, GruHidden = 64, Hidden = [64], Channels = [16] }, PropertyHead = propertyHead ? new PropertyHeadOptions { Hidden = [16] } : null },
            Data = new DataOptions { Source = "smiles:toy.smi", ValidationSize = 0, MaxTokens = 30 },
        };
        return (Trainer.Resolve(config, new DataSplits(data, null, data)), data, vocabulary);
    }

    [Fact]
    public void Training_Stores_The_Vocabulary_The_Classes_And_The_Target_Scaling_In_The_Config()
    {
        var (config, data, vocabulary) = Setup(Handful, propertyHead: true);
        Assert.Equal(vocabulary.Tokens, config.Data.Vocabulary);
        Assert.Equal(vocabulary.Count, config.Model.Classes);
        Assert.Equal(31, config.Model.Input.Size);
        Assert.Equal(1, config.Model.PropertyHead!.Targets);
        var tpsa = Handful.Select(s => MoleculeProperties.Of(s).Tpsa!.Value).ToArray();
        Assert.Equal(tpsa.Average(), config.Model.PropertyHead!.Mean![0], 3);
        double sd = Math.Sqrt(tpsa.Sum(v => (v - tpsa.Average()) * (v - tpsa.Average())) / (tpsa.Length - 1));
        Assert.Equal(sd, config.Model.PropertyHead!.Scale![0], 3);
        Assert.Equal(tpsa.Select(v => (float)v), data.Targets!.Select(v => (float)Math.Round(v, 2)));
    }

    [Fact]
    public void Models_With_The_Same_Seed_Start_With_The_Same_Weights()
    {
        var (config, _, _) = Setup(Handful);
        using var a = new VaeModel(config.Model, seed: 5);
        using var b = new VaeModel(config.Model, seed: 5);
        using var c = new VaeModel(config.Model, seed: 6);
        var pa = a.named_parameters().ToList();
        var pb = b.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var pc = c.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Contains(pa, p => p.name.Contains("gru"));
        Assert.Contains(pa, p => p.name.Contains("embedding"));
        foreach (var (name, p) in pa)
        {
            Assert.True(p.equal(pb[name]).all().item<bool>(), name);
            Assert.False(p.equal(pc[name]).all().item<bool>(), name);
        }
    }

    [Fact]
    public void Decoding_With_A_Fixed_Seed_Is_Deterministic()
    {
        var (config, _, vocabulary) = Setup(Handful);
        using var threads = new OneTorchThread();
        using var model = new VaeModel(config.Model, seed: 2);
        var vae = new SmilesVae(model, config, CPU);
        Assert.Equal(vae.Sample(40, seed: 3, draw: true), vae.Sample(40, seed: 3, draw: true));
        Assert.NotEqual(vae.Sample(40, seed: 3, draw: true), vae.Sample(40, seed: 4, draw: true));
        Assert.Equal(vae.Sample(40, seed: 3), vae.Sample(40, seed: 3));
        Assert.Equal(vocabulary.Tokens, vae.Vocabulary.Tokens);
    }

    [Fact]
    public void A_Tiny_Model_Overfits_A_Handful_Of_Molecules_To_Exact_Reconstruction()
    {
        using var threads = new OneTorchThread();
        var (config, data, _) = Setup(Handful, propertyHead: true);
        using var model = new VaeModel(config.Model, seed: 1);
        TinySmilesTraining.Overfit(model, data);
        var vae = new SmilesVae(model, config, CPU);
        var decoded = vae.Reconstruct(data);
        Assert.True(ReconstructionAccuracy.Compute(Handful, decoded).ExactMatch == 1, string.Join(" ", decoded));
        // the property head learned TPSA from z at the same time: R² > 0.9 on these molecules
        var predicted = vae.Predict(vae.Means(data));
        double mse = Enumerable.Range(0, Handful.Length).Average(i => Math.Pow(predicted[i] - data.Targets![i], 2));
        double scale = config.Model.PropertyHead!.Scale![0];
        Assert.True(mse < 0.1 * scale * scale, $"MSE {mse:F2} against a target variance of {scale * scale:F2}");
    }
}
