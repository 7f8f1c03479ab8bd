using Vae.Applications.Chemistry;
using Vae.Applications.Chemistry.Selfies;
using Xunit.Abstractions;

namespace Vae.Tests.Applications.Chemistry.Selfies;

/// <summary>
/// The C# SELFIES encoder and decoder against the reference implementation (selfies 2.2.0), through the
/// fixtures fixtures/make_selfies_fixtures.py wrote with it.
/// </summary>
public class SelfiesReferenceTests(ITestOutputHelper output)
{
    static string Canonical(Molecule mol) => CanonicalSmiles.Of(SelfiesSmilesWriter.Write(mol)) ?? "(invalid)";

    /// <summary>The string with every double-bond mark taken off, so that two Kekulé structures of one aromatic system compare equal.</summary>
    static string WithoutDoubleBonds(string selfies) => selfies.Replace("[=", "[");

    [Fact]
    public void Encoder_Agrees_With_The_Reference_Encoder()
    {
        var rows = ChemistryFixtures.Table("selfies_encoder.tsv");
        Assert.True(rows.Count > 600);
        int exact = 0, compared = 0, invalid = 0;
        var failures = new List<string>();
        foreach (var r in rows)
        {
            string smiles = r[0], reference = r[1];
            if (reference.StartsWith('!')) continue;     // the reference refuses it (bonding capacity): nothing to compare
            string? expected = CanonicalSmiles.Of(smiles);
            if (expected is null) { invalid++; continue; } // our checker (RDKit's rules) refuses it; the reference does not check valence
            compared++;
            string ours = SelfiesEncoder.Encode(smiles);
            if (expected != Canonical(SelfiesDecoder.Decode(ours))) failures.Add($"{smiles}: our SELFIES {ours} decodes to another molecule");
            if (expected != Canonical(SelfiesDecoder.Decode(reference))) failures.Add($"{smiles}: the reference's SELFIES {reference} decodes to another molecule");
            bool aromatic = SmilesParser.Parse(smiles).Atoms.Any(a => a.Aromatic);
            if (ours == reference) exact++;
            else if (!aromatic || WithoutDoubleBonds(ours) != WithoutDoubleBonds(reference))
                failures.Add($"{smiles}: ours {ours}, the reference's {reference}");
        }
        output.WriteLine($"{rows.Count} rows: {compared} compared, {exact} identical strings, {compared - exact} equal up to double-bond placement; {invalid} invalid for our checker");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(invalid <= 5, $"{invalid} molecules our checker refuses");
        Assert.True(compared > 600);
        Assert.True(exact > compared / 2, $"only {exact} of {compared} strings are identical");
    }

    [Fact]
    public void Decoder_Builds_The_Reference_Decoders_Molecule_Atom_For_Atom()
    {
        var rows = ChemistryFixtures.Table("selfies_decoder.tsv");
        Assert.Equal(400, rows.Count);
        foreach (var r in rows)
        {
            string selfies = r[0], reference = r[1];
            Assert.False(reference.StartsWith('!'), $"the reference refused {selfies}");
            var ours = SelfiesDecoder.Decode(selfies);
            if (reference.Length == 0) { Assert.Empty(ours.Atoms); continue; }
            var theirs = SmilesParser.Parse(reference);
            Assert.True(SameGraph(ours, theirs, out string why), $"{selfies}: {why} (reference {reference}, ours {SelfiesSmilesWriter.Write(ours)})");
            string? canonical = CanonicalSmiles.Of(reference);
            if (canonical is not null) Assert.Equal(canonical, Canonical(ours));
        }
    }

    [Fact]
    public void With_Checked_Valences_Every_Random_String_Decodes_To_A_Molecule_The_Checker_Accepts()
    {
        // The reference's random strings under SELFIES's default constraints bond ions it does not list ([Na], [K+1], ...) and
        // some are refused by the checker; read as a model's output is read (checked valences) none is.
        var rows = ChemistryFixtures.Table("selfies_decoder.tsv");
        var symbols = rows.Select(r => (IReadOnlyList<string>)SelfiesSymbol.Split(r[0])).ToList();
        int refusedByDefault = symbols.Count(s => !SmilesChecker.IsValid(SelfiesDecoder.ToSmiles(s)));
        var refused = symbols.Select(s => SelfiesDecoder.ToSmiles(s, checkedValences: true)).Where(smiles => smiles.Length > 0 && !SmilesChecker.IsValid(smiles)).ToList();
        Assert.True(refusedByDefault > 0, "the fixture should hold strings that bond an unlisted ion");
        Assert.Empty(refused);
    }

    /// <summary>Both writers keep the derivation's atom order, so atom i of one is atom i of the other.</summary>
    static bool SameGraph(Molecule a, Molecule b, out string why)
    {
        why = "";
        if (a.Atoms.Count != b.Atoms.Count) { why = $"{a.Atoms.Count} atoms, not {b.Atoms.Count}"; return false; }
        for (int i = 0; i < a.Atoms.Count; i++)
        {
            Atom x = a.Atoms[i], y = b.Atoms[i];
            if ((x.Element, x.Charge, x.Isotope, x.BracketHydrogens, x.Bracket) != (y.Element, y.Charge, y.Isotope, y.BracketHydrogens, y.Bracket))
            { why = $"atom {i} differs"; return false; }
        }
        var bonds = a.Bonds.Select(Key).Order().ToList();
        if (!bonds.SequenceEqual(b.Bonds.Select(Key).Order())) { why = "the bonds differ"; return false; }
        return true;
    }

    static (int, int, BondOrder) Key(Bond bond) => (Math.Min(bond.A, bond.B), Math.Max(bond.A, bond.B), bond.Order);
}
