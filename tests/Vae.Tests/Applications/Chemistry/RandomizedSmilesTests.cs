using Vae.Applications.Chemistry;
using Vae.Data;
using Vae.Models;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Applications.Chemistry;

/// <summary>--augment randomized: random spellings that read back as the same molecule, drawn so that a resumed run sees the same ones.</summary>
public class RandomizedSmilesTests
{
    [FactWithRdkitData]
    public void Every_Random_Spelling_Of_Every_Default_Molecule_Reads_Back_As_The_Same_Molecule()
    {
        var molecules = ChemistryFixtures.DefaultMolecules().Select(m => m.Smiles).ToArray();
        int valid = 0, spellings = 0, different = 0;
        var wrong = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, molecules.Length, i =>
        {
            var check = SmilesChecker.Check(molecules[i]);
            if (!check.Valid) return;
            Interlocked.Increment(ref valid);
            string canonical = CanonicalSmiles.Write(check.ValidMolecule);
            var random = new Random(i);
            for (int k = 0; k < 3; k++)
            {
                string s = CanonicalSmiles.WriteRandom(check.ValidMolecule, random);
                Interlocked.Increment(ref spellings);
                if (s != canonical) Interlocked.Increment(ref different);
                if (CanonicalSmiles.Of(s) != canonical) wrong.Add($"{molecules[i]} -> {s} -> {CanonicalSmiles.Of(s) ?? "invalid"}, not {canonical}");
            }
        });
        Console.WriteLine($"{valid} valid molecules, {spellings} random spellings, {different} differ from the canonical form, {wrong.Count} do not round-trip");
        Assert.True(valid > 16_000, $"{valid} valid");
        Assert.True(different > spellings * 0.9, $"{different} of {spellings} differ from the canonical form");
        Assert.True(wrong.IsEmpty, $"{wrong.Count} of {spellings} do not round-trip:\n" + string.Join("\n", wrong.Take(10)));
    }

    [Fact]
    public void A_Random_Spelling_Round_Trips_And_Depends_On_The_Seed_Alone()
    {
        foreach (string smiles in Sample(300))
        {
            var mol = SmilesChecker.Check(smiles).ValidMolecule;
            string canonical = CanonicalSmiles.Write(mol);
            string a = CanonicalSmiles.WriteRandom(mol, new Random(5)), b = CanonicalSmiles.WriteRandom(mol, new Random(5));
            Assert.Equal(a, b);
            Assert.Equal(canonical, CanonicalSmiles.Of(a));
        }
        var benzoicAcid = SmilesChecker.Check("OC(=O)c1ccccc1.[Na+].[Cl-]").ValidMolecule;
        var spellings = Enumerable.Range(0, 200).Select(s => CanonicalSmiles.WriteRandom(benzoicAcid, new Random(s))).ToHashSet();
        Assert.True(spellings.Count > 20, $"{spellings.Count} distinct spellings");
        Assert.Contains(spellings, s => s.StartsWith("[Na+]", StringComparison.Ordinal));   // fragments in random order too
    }

    internal static string[] Sample(int n) => ChemistryFixtures.Table("tpsa_rdkit.tsv").Select(r => r[0]).Where(SmilesChecker.IsValid).Take(n).ToArray();
}

/// <summary>Training with --augment randomized (one libtorch thread: the embedding's gradient sums differently across threads).</summary>
[Collection(ProcessWide.Name)]
public sealed class RandomizedSmilesTrainingTests : IDisposable
{
    private readonly OneTorchThread threads = new();

    public void Dispose() => threads.Dispose();

    static string[] Sample(int n) => RandomizedSmilesTests.Sample(n);

    RunConfig Config(string file, int epochs) => new()
    {
        Model = ModelOptions.SmilesGru with { Latent = 4, Network = new SequenceNetwork { Encoder = SequenceEncoderKind.Gru, Embedding = 8, GruHidden = 16, Hidden = [16] } },
        Data = new DataOptions { Source = "smiles:" + file, ValidationSize = 10, MaxTokens = 60, Augment = Augmentation.Randomized },
        Training = TrainingOptions.Default with { Epochs = epochs, BatchSize = 16, Seed = 4 },
    };

    [Fact]
    public void An_Augmented_Run_Sees_New_Spellings_Each_Epoch_And_Resumes_Bit_Exactly()
    {
        using var tmp = new TempDir();
        string file = Path.Combine(tmp.Path, "m.smi");
        File.WriteAllLines(file, Sample(90));
        var data = DataSources.Load(Config(file, 3).Data);
        var streamed = Assert.IsType<RandomizedSmiles>(data.Streamed);
        Assert.Equal(data.Train.Count, (int)streamed.Count);
        var (first, fallbacks) = streamed.Spell(1);
        Assert.Equal(first, streamed.Spell(1).Spellings);
        Assert.NotEqual(first, streamed.Spell(2).Spellings);
        Assert.True(fallbacks < first.Length / 10, $"{fallbacks} molecules kept their file spelling");

        string straight = Path.Combine(tmp.Path, "straight");
        TrainingResult done;
        using (var t = Trainer.Start(Config(file, 3), straight, CPU)) done = t.Run();
        Assert.Equal(Augmentation.Randomized, ModelFolder.ReadConfig(straight).Data.Augment);
        Assert.Contains("\"augment\": \"randomized\"", File.ReadAllText(Path.Combine(straight, ModelFolder.ConfigFile)));

        string dir = Path.Combine(tmp.Path, "resumed");
        using (var cancel = new CancellationTokenSource())
        using (var t = Trainer.Start(Config(file, 3), dir, CPU))
            Assert.Equal(TrainingOutcome.Interrupted, t.Run(new StopAt(2, 2, cancel), cancel.Token).Outcome);
        TrainingResult resumed;
        using (var t = Trainer.Resume(dir, CPU)) resumed = t.Run();
        Assert.Equal(done.Metrics.Select(m => (m.TrainLoss, m.Step)), resumed.Metrics.Select(m => (m.TrainLoss, m.Step)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, ModelFolder.ModelFile)), File.ReadAllBytes(Path.Combine(dir, ModelFolder.ModelFile)));
    }

    sealed class StopAt(int epoch, int batch, CancellationTokenSource cancel) : ITrainingObserver
    {
        public void OnBatch(BatchProgress p)
        {
            if (p.Epoch == epoch && p.Batch == batch) cancel.Cancel();
        }
    }
}
