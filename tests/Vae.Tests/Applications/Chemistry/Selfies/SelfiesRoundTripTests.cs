using System.Diagnostics;
using Vae.Applications.Chemistry;
using Vae.Applications.Chemistry.Selfies;
using Xunit.Abstractions;

namespace Vae.Tests.Applications.Chemistry.Selfies;

/// <summary>SELFIES's two promises: every string of symbols is a valid molecule, and SMILES → SELFIES → SMILES keeps the molecule.</summary>
public class SelfiesRoundTripTests(ITestOutputHelper output)
{
    [Fact]
    public void The_Robust_Alphabet_Is_The_Reference_Alphabet()
    {
        // selfies 2.2.0: len(sf.get_semantic_robust_alphabet()) == 69, of which these are a sample
        var alphabet = SelfiesAlphabet.SemanticallyRobust();
        Assert.Equal(69, alphabet.Count);
        Assert.Contains("[#P-1]", alphabet);
        Assert.Contains("[=O+1]", alphabet);
        Assert.DoesNotContain("[=F]", alphabet);
        Assert.DoesNotContain("[#O]", alphabet);
    }

    [Fact]
    public void Every_Random_Symbol_String_Decodes_To_A_Molecule_The_Checker_Accepts()
    {
        var alphabet = SelfiesAlphabet.SemanticallyRobust().Concat(["[epsilon]", "[nop]", "[NH1]", "[C@@H1]", "[/C]", "[-/Ring1]", "[13CH3]", "[#Ring1]"]).ToArray();
        var random = new Random(7);
        var failures = new List<string>();
        int empty = 0;
        for (int i = 0; i < 5000; i++)
        {
            var symbols = Enumerable.Range(0, random.Next(1, 61)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToList();
            string smiles = SelfiesDecoder.ToSmiles(symbols);
            if (smiles.Length == 0) { empty++; continue; }
            var check = SmilesChecker.Check(smiles);
            if (!check.Valid) failures.Add($"{string.Concat(symbols)} -> {smiles}: {check.Reason}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} invalid:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(empty < 500, $"{empty} empty");
    }

    [Fact]
    public void Reference_Decoder_Strings_Decode_To_Molecules_The_Checker_Accepts()
    {
        // an element or charge the constraints do not list ([Na], [Se]) may make 8 bonds: SELFIES promises no chemistry for it
        var listed = BondingCapacity.Listed.Select(l => (l.Element, l.Charge)).ToHashSet();
        int checkedRows = 0;
        foreach (var r in ChemistryFixtures.Table("selfies_decoder.tsv"))
        {
            if (SelfiesSymbol.Split(r[0]).Select(SelfiesSymbol.TryParse).Any(s => s?.Atom is { } a && !listed.Contains((a.Element, a.Charge)))) continue;
            checkedRows++;
            string smiles = SelfiesDecoder.ToSmiles(r[0]);
            if (smiles.Length > 0) Assert.True(SmilesChecker.IsValid(smiles), $"{r[0]} -> {smiles}: {SmilesChecker.Check(smiles).Reason}");
        }
        Assert.True(checkedRows > 200, $"{checkedRows} rows");
    }

    [FactWithRdkitData]
    public void Every_Wehi_Molecule_Survives_The_Round_Trip()
    {
        var (count, refused, failures) = RoundTrip(SmilesSource.Load("smiles:wehi").Smiles);
        output.WriteLine($"{count} molecules, {refused.Count} refused, {failures.Count} changed");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(refused.Count == 0, string.Join("\n", refused.Take(20)));
    }

    /// <summary>Valid molecules encoded and decoded: how many, those the encoder refuses (with the reason) and those that come back changed.</summary>
    public static (int Count, List<string> Refused, List<string> Changed) RoundTrip(IEnumerable<string> smiles)
    {
        int count = 0;
        var refused = new List<string>();
        var changed = new List<string>();
        foreach (string s in smiles)
        {
            string? canonical = CanonicalSmiles.Of(s);
            if (canonical is null) continue;
            count++;
            string selfies;
            try { selfies = SelfiesEncoder.Encode(s); }
            catch (SelfiesException e) { refused.Add($"{s}: {e.Message}"); continue; }
            string back = SelfiesDecoder.ToSmiles(selfies);
            string? again = CanonicalSmiles.Of(back);
            if (again != canonical) changed.Add($"{s} -> {selfies} -> {back}: {again ?? "invalid"} is not {canonical}");
        }
        return (count, refused, changed);
    }
}

/// <summary>
/// The round trip over every molecule of <c>smiles:all</c> (18,848; a few minutes), measured for
/// docs/results/molecules.md: run with VAE_SELFIES_ALL=1 and the test's output shown
/// (<c>VAE_SELFIES_ALL=1 ./test --filter "FullyQualifiedName~SelfiesAllMolecules" --logger "console;verbosity=detailed"</c>).
/// </summary>
public class SelfiesAllMolecules(ITestOutputHelper output)
{
    [Fact]
    public void Round_Trip_Of_Every_Molecule_Of_Smiles_All()
    {
        if (Environment.GetEnvironmentVariable("VAE_SELFIES_ALL") != "1" || !ChemistryFixtures.DefaultFilesPresent) return;
        var (count, refused, changed) = SelfiesRoundTripTests.RoundTrip(SmilesSource.Load("smiles:all").Smiles);
        output.WriteLine($"smiles:all: {count} valid molecules, {refused.Count} refused by the encoder, {changed.Count} changed by the round trip");
        foreach (string r in refused) output.WriteLine("refused: " + r);
        foreach (string c in changed) output.WriteLine("changed: " + c);
        Assert.Empty(changed);
    }
}
