using Vae.Applications.Chemistry;
using Vae.Data;
using Vae.Models;
using Vae.Objectives;
using Vae.Runs;
using Vae.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Vae.Tests.Applications.Chemistry.Selfies;

/// <summary>A sequence VAE over SELFIES symbols (<c>--tokens selfies</c>): its vocabulary, and what a tiny trained model generates.</summary>
[Collection(ProcessWide.Name)]
public class SelfiesModelTests(ITestOutputHelper output)
{
    static readonly string[] Handful = ["CCO", "c1ccccc1O", "CC(=O)Nc1ccccc1", "C1CCNCC1", "O=C(O)c1ccncc1", "CN1CCOCC1", "Clc1ccc(Br)cc1", "CC(C)Cc1ccc(cc1)C(C)C(=O)O"];

    [Fact]
    public void The_Vocabulary_Holds_Selfies_Symbols_And_Decodes_To_The_Same_Molecules()
    {
        var vocabulary = SmilesVocabulary.Build(Handful, TokenLanguage.Selfies);
        Assert.Equal(TokenLanguage.Selfies, vocabulary.Language);
        Assert.Contains("[=Branch1]", vocabulary.Tokens);
        Assert.Contains("[Ring1]", vocabulary.Tokens);
        Assert.DoesNotContain("(", vocabulary.Tokens);
        foreach (string s in Handful)
        {
            var ids = vocabulary.Encode(s);
            Assert.Equal(Vae.Applications.Chemistry.Selfies.SelfiesEncoder.EncodeSymbols(s).Count, ids.Length);
            Assert.Equal(CanonicalSmiles.Of(s), CanonicalSmiles.Of(vocabulary.Decode([.. ids, SmilesVocabulary.EndId, SmilesVocabulary.PadId])));
        }
        // an unknown id is skipped as [nop] is: the rest still derives a molecule
        Assert.Equal("CC", vocabulary.Decode([vocabulary.Id("[C]"), SmilesVocabulary.UnknownId, vocabulary.Id("[C]")]));
    }

    [Fact]
    public void A_Stored_Vocabulary_With_An_Unknown_Symbol_Is_Refused_With_Its_Place()
    {
        var e = Assert.Throws<VaeException>(() => SmilesVocabulary.FromTokens(["<pad>", "<start>", "<end>", "<unk>", "[C]", "[Xq]"], TokenLanguage.Selfies));
        Assert.Contains("token 5 '[Xq]' is not a SELFIES symbol", e.Message);
        Assert.Equal(6, SmilesVocabulary.FromTokens(["<pad>", "<start>", "<end>", "<unk>", "[C]", "[Xq]"]).Count);   // as SMILES tokens it is fine
    }

    [Fact]
    public void A_Tiny_Selfies_Model_Reconstructs_Its_Molecules_And_Every_Prior_Sample_Is_A_Valid_Molecule()
    {
        using var threads = new OneTorchThread();
        var vocabulary = SmilesVocabulary.Build(Handful, TokenLanguage.Selfies);
        var molecules = new MoleculeSet("toy", Handful, Handful.Select(_ => (string?)null).ToArray(), [], []);
        var data = SmilesData.ToDataset(molecules, vocabulary, maxTokens: 40);
        var config = Trainer.Resolve(new RunConfig
        {
            Model = ModelOptions.SmilesGru with { Latent = 8, Network = new SequenceNetwork { Embedding = 16, GruHidden = 64, Hidden = [64], Channels = [16] } },
            Data = new DataOptions { Source = "smiles:toy.smi", ValidationSize = 0, MaxTokens = 40, Tokens = TokenLanguage.Selfies },
        }, new DataSplits(data, null, data));
        Assert.Equal(vocabulary.Tokens, config.Data.Vocabulary);
        using var model = new VaeModel(config.Model, seed: 1);
        var objective = new Objective(ObjectiveOptions.Elbo);
        using var optimizer = optim.Adam(model.parameters(), lr: 3e-3);
        using var noise = new Generator(7);
        var batch = data.ToBatch(CPU);
        model.train();
        for (int step = 0; step < 300; step++)
        {
            using var scope = NewDisposeScope();
            var loss = objective.Loss(model.Terms(batch, noise), klWeight: 0.1);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        var vae = new SmilesVae(model, config, CPU);
        Assert.Equal(TokenLanguage.Selfies, vae.Vocabulary.Language);
        var r = ReconstructionAccuracy.Compute(Handful, vae.Reconstruct(data), TokenLanguage.Selfies);
        Assert.True(r.SameMolecule == 1 && r.ExactMatch == 1, $"{r.Same} and {r.Exact} of {r.Count}");

        foreach (bool draw in new[] { false, true })
        {
            var samples = vae.Sample(500, seed: 3, draw: draw);
            var nonEmpty = samples.Where(s => s.Length > 0).ToList();
            var invalid = nonEmpty.Where(s => !SmilesChecker.IsValid(s)).ToList();
            output.WriteLine($"draw={draw}: {samples.Length} samples, {samples.Length - nonEmpty.Count} derive no atom, {invalid.Count} invalid; metrics {GenerationMetrics.Compute(samples, Handful)}");
            Assert.True(invalid.Count == 0, string.Join(" ", invalid));
            Assert.True(nonEmpty.Count > 0);
        }
    }
}
