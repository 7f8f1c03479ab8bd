using Vae.Applications.Chemistry;
using Vae.Applications.Chemistry.Collection;

namespace Vae.Tests.Applications.Chemistry;

/// <summary>smiles:all: every molecule of rdkit-data once, valid, cached, with a split fixed by hashes.</summary>
public class RdkitMoleculesTests
{
    [FactWithRdkitData]
    public void All_Gives_Every_Molecule_Of_The_Rdkit_Files_Once_In_Canonical_Form_And_Caches_Them()
    {
        using var dir = new TempDir();
        string cache = Path.Combine(dir.Path, "all.tsv");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var built = RdkitMolecules.Load(SmilesSource.RdkitRoot, cache);
        var buildTime = clock.Elapsed;
        Assert.True(File.Exists(cache));
        Assert.Equal(built.Smiles.Count, built.Smiles.Distinct().Count());
        Assert.Equal(built.Smiles.Count, built.Files.Sum(f => f.New));
        Assert.All(built.Files, f => Assert.True(f.Size > 0, $"{f.Path} is missing"));
        Assert.All(built.Files, f => Assert.Equal(f.Entries, f.Unreadable + f.Invalid + f.New + f.Duplicates));
        Assert.True(built.Smiles.Count > 15_000, $"{built.Smiles.Count} molecules");
        foreach (var f in built.Files) Console.WriteLine($"| `{f.Path}` | {f.Entries:N0} | {f.Unreadable:N0} | {f.Invalid:N0} | {f.Duplicates:N0} | {f.New:N0} |");
        Console.WriteLine($"total {built.Smiles.Count}, at most 80 tokens {built.Smiles.Count(s => SmilesTokenizer.Tokenize(s).Count <= 80)}, held out {built.Smiles.Count(s => RdkitMolecules.IsHeldOut(s, 0.1))}, built in {buildTime}");

        // a sample is the canonical form of itself
        foreach (string s in built.Smiles.Where((_, i) => i % 50 == 0)) Assert.Equal(s, CanonicalSmiles.Of(s));

        var cached = RdkitMolecules.Load(SmilesSource.RdkitRoot, cache);
        Assert.Equal(built.Smiles, cached.Smiles);
        Assert.Equal(built.FileOf, cached.FileOf);
        Assert.Equal(built.Files, cached.Files);
    }
}

public class RdkitMoleculesCacheTests
{
    const string Methane = "methane\n  test\n\n  1  0  0  0  0  0  0  0  0  0999 V2000\n    0.0000    0.0000    0.0000 C   0  0  0  0  0  0\nM  END\n$$$$\n";
    const string Garbled = "broken\n  test\n\n  2  1  0  0  0  0  0  0  0  0999 V2000\n    0.0000    0.0000    0.0000 C   0  0\n    1.0000    0.0000    0.0000 Q   0  0\n  1  2  1  0\nM  END\n$$$$\n";

    static string Fake(TempDir dir)
    {
        string root = Path.Combine(dir.Path, "RDKit");
        Directory.CreateDirectory(Path.Combine(root, "Data/NCI"));
        File.WriteAllText(Path.Combine(root, "Data/NCI/first_5K.smi"), "CCO ethanol\nOCC again\nC1CC1 ring\nC(C)(C)(C)(C)C bad\n");
        File.WriteAllText(Path.Combine(root, "Data/NCI/first_200.props.sdf"), Methane + Garbled + "ethanol\n\n\n  3  2  0  0  0  0  0  0  0  0999 V2000\n    0.0000    0.0000    0.0000 C   0  0\n    0.0000    0.0000    0.0000 C   0  0\n    0.0000    0.0000    0.0000 O   0  0\n  1  2  1  0\n  2  3  1  0\nM  END\n$$$$\n");
        return root;
    }

    [Fact]
    public void Malformed_Records_Are_Skipped_And_Counted_And_Absent_Files_Counted_As_Missing()
    {
        using var dir = new TempDir();
        var all = RdkitMolecules.Load(Fake(dir), Path.Combine(dir.Path, "cache", "all.tsv"));
        Assert.Equal(["CCO", "C1CC1", "C"], all.Smiles);
        var smi = all.Files.Single(f => f.Path == "Data/NCI/first_5K.smi");
        Assert.Equal((4, 0, 1, 2, 1), (smi.Entries, smi.Unreadable, smi.Invalid, smi.New, smi.Duplicates));
        var sdf = all.Files.Single(f => f.Path == "Data/NCI/first_200.props.sdf");
        Assert.Equal((3, 1, 0, 1, 1), (sdf.Entries, sdf.Unreadable, sdf.Invalid, sdf.New, sdf.Duplicates));
        Assert.All(all.Files.Where(f => !f.Path.StartsWith("Data/NCI/first_", StringComparison.Ordinal) || f.Path.EndsWith(".csv", StringComparison.Ordinal)), f => Assert.Equal(-1, f.Size));
    }

    [Fact]
    public void The_Cache_Is_Used_While_The_Files_Are_Unchanged_And_Rebuilt_When_One_Changes_Or_It_Is_Damaged()
    {
        using var dir = new TempDir();
        string root = Fake(dir), cache = Path.Combine(dir.Path, "all.tsv");
        RdkitMolecules.Load(root, cache);
        // a cache the files still match is read as it is (an edit to it shows)
        File.WriteAllText(cache, File.ReadAllText(cache).Replace("C1CC1\t0", "C1CCC1\t0"));
        Assert.Contains("C1CCC1", RdkitMolecules.Load(root, cache).Smiles);
        // a changed source file (size and time) rebuilds it
        string smi = Path.Combine(root, "Data/NCI/first_5K.smi");
        File.AppendAllText(smi, "c1ccccc1 benzene\n");
        File.SetLastWriteTimeUtc(smi, DateTime.UtcNow.AddMinutes(1));
        var rebuilt = RdkitMolecules.Load(root, cache);
        Assert.Equal(["CCO", "C1CC1", "c1ccccc1", "C"], rebuilt.Smiles);
        // a damaged cache is rebuilt, not trusted
        File.WriteAllText(cache, File.ReadAllText(cache)[..40]);
        Assert.Equal(rebuilt.Smiles, RdkitMolecules.Load(root, cache).Smiles);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp*"));
    }

    [Fact]
    public void The_Held_Out_Split_Depends_On_The_Canonical_Smiles_Alone()
    {
        // SHA-256 prefixes, fixed: the same on every machine
        Assert.False(RdkitMolecules.IsHeldOut("CCO", 0.1));
        var sample = Enumerable.Range(1, 4000).Select(n => new string('C', n % 40 + 1) + "O" + n).ToArray();
        double fraction = sample.Count(s => RdkitMolecules.IsHeldOut(s, 0.1)) / (double)sample.Length;
        Assert.InRange(fraction, 0.085, 0.115);
        Assert.All(sample, s => Assert.True(!RdkitMolecules.IsHeldOut(s, 0.1) || RdkitMolecules.IsHeldOut(s, 0.2)));
    }
}
