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
        TinySmilesTraining.Overfit(model, data);
        var vae = new SmilesVae(model, config, CPU);
        Assert.Equal(TokenLanguage.Selfies, vae.Vocabulary.Language);
        var r = ReconstructionAccuracy.Compute(Handful, vae.Reconstruct(data), TokenLanguage.Selfies);
        Assert.True(r.SameMolecule == 1 && r.ExactMatch == 1, $"{r.Same} and {r.Exact} of {r.Count}");

        foreach (bool draw in new[] { false, true })
        {
            // The model's own decoding may end before any atom (an empty molecule); decoding as the commands do,
            // under SelfiesGrammar, every sample is a molecule.
            var plain = vae.Sample(500, seed: 3, draw: draw);
            var nonEmpty = plain.Where(s => s.Length > 0).ToList();
            var invalid = nonEmpty.Where(s => !SmilesChecker.IsValid(s)).ToList();
            output.WriteLine($"draw={draw}: {plain.Length} samples, {plain.Length - nonEmpty.Count} derive no atom, {invalid.Count} invalid; metrics {GenerationMetrics.Compute(plain, Handful)}");
            Assert.True(invalid.Count == 0, string.Join(" ", invalid));
            var samples = vae.Sample(500, seed: 3, draw, SmilesDecodingOptions.Greedy);
            var bad = samples.Where(s => !SmilesChecker.IsValid(s)).ToList();
            Assert.True(bad.Count == 0, $"{bad.Count} of {samples.Length} not molecules: " + string.Join(" ", bad.Take(5).Select(b => $"'{b}'")));
        }
    }

    [Fact]
    public void Under_The_Grammar_Every_Symbol_Sequence_Is_A_Molecule_Even_The_Shortest()
    {
        // Random decodings with every allowed token equally likely (<end> included where allowed), 1 to 6 positions:
        // the short ones are where a sequence without an atom would otherwise end.
        var vocabulary = SmilesVocabulary.Build(Handful, TokenLanguage.Selfies);
        var grammar = new Vae.Applications.Chemistry.Selfies.SelfiesGrammar(vocabulary);
        var rng = new Random(5);
        var mask = new bool[vocabulary.Count];
        int endedEarly = 0;
        for (int trial = 0; trial < 3000; trial++)
        {
            int length = 1 + trial % 6, state = grammar.Initial;
            var ids = new List<int>();
            for (int position = 0; position < length; position++)
            {
                grammar.Allowed(state, length - position, mask);
                var allowed = Enumerable.Range(SmilesVocabulary.EndId, vocabulary.Count - SmilesVocabulary.EndId).Where(t => mask[t]).ToList();
                Assert.NotEmpty(allowed);
                int token = allowed[rng.Next(allowed.Count)];
                if (token == SmilesVocabulary.EndId) { endedEarly++; break; }
                ids.Add(token);
                state = grammar.Next(state, token);
                Assert.NotEqual(-1, state);
            }
            string smiles = vocabulary.Decode([.. ids, SmilesVocabulary.EndId]);
            Assert.True(smiles.Length > 0 && SmilesChecker.IsValid(smiles), $"{string.Join("", ids.Select(i => vocabulary.Tokens[i]))} -> '{smiles}'");
        }
        Assert.True(endedEarly > 100);
        // Without the grammar the same kind of sequence can place no atom.
        Assert.Equal("", vocabulary.Decode([vocabulary.Id("[Ring1]"), SmilesVocabulary.EndId]));
    }
}
