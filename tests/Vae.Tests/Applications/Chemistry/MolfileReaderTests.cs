using Vae.Applications.Chemistry;
using Vae.Applications.Chemistry.Molfiles;

namespace Vae.Tests.Applications.Chemistry;

/// <summary>The V2000 reader against RDKit: the same molecule (canonical forms compared) for every record RDKit reads.</summary>
public class MolfileReaderTests
{
    static string Ours(Molecule mol, string name) => MolfileSmiles.Canonical(mol, name) is (string s, _) ? s : "invalid: " + MolfileSmiles.Canonical(mol, name).Reason;

    [Fact]
    public void Every_Record_Of_The_Fixture_Reads_As_The_Molecule_RDKit_Reads()
    {
        var reference = ChemistryFixtures.Table("molfiles_rdkit.tsv");
        var records = SdfReader.Records(Path.Combine(ChemistryFixtures.Folder, "molfiles.sdf")).ToList();
        Assert.Equal(reference.Count, records.Count);
        var wrong = new List<string>();
        for (int i = 0; i < records.Count; i++)
        {
            Assert.True(records[i].Molecule is not null, $"record {i} (line {records[i].Line}): {records[i].Error}");
            string expected = CanonicalSmiles.Of(reference[i][2]) ?? "rdkit: " + reference[i][2];
            string ours = Ours(records[i].Molecule!, reference[i][1]);
            if (ours != expected) wrong.Add($"record {i} '{reference[i][1]}': ours {ours}, RDKit {expected}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [FactWithRdkitData]
    public void Every_Sdf_Record_Of_Rdkit_Data_Reads_As_The_Molecule_RDKit_Reads()
    {
        var reference = ChemistryFixtures.Table("rdkit_data_sdf_rdkit.tsv");
        var wrong = new List<string>();
        int compared = 0;
        foreach (var file in reference.GroupBy(r => r[0]))
        {
            var records = SdfReader.Records(Path.Combine(SmilesSource.RdkitRoot, file.Key)).ToList();
            Assert.Equal(file.Count(), records.Count);
            foreach (var row in file)
            {
                var record = records[int.Parse(row[1])];
                string expected = row[2].Length == 0 ? "rejected" : CanonicalSmiles.Of(row[2]) ?? "rdkit: " + row[2];
                string ours = record.Molecule is null ? "rejected" : Ours(record.Molecule, row[1]);
                if (ours != expected) wrong.Add($"{file.Key} record {row[1]} (line {record.Line}): ours {ours}, RDKit {expected}");
                compared++;
            }
        }
        Assert.Equal(975, compared);
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {compared} differ:\n" + string.Join("\n", wrong.Take(20)));
    }

    const string Ethanol = """
        ethanol
          made by hand

          3  2  0  0  0  0  0  0  0  0999 V2000
            0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
            1.5000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
            2.0000    1.0000    0.0000 O   0  5  0  0  0  0  0  0  0  0  0  0
          1  2  1  0
          2  3  1  0
        M  END
        > <id>
        1

        $$$$

        """;

    [Fact]
    public void Charges_Come_From_The_Atom_Block_Unless_M_CHG_Lines_Replace_Them()
    {
        var fromBlock = SdfReader.Records(Lines(Ethanol)).Single();
        Assert.Equal("CC[O-]", Ours(fromBlock.Molecule!, "ethoxide"));
        var replaced = SdfReader.Records(Lines(Ethanol.Replace("M  END", "M  CHG  1   1   1\nM  END"))).Single();
        Assert.Equal("[CH2+]CO", Ours(replaced.Molecule!, "cation"));
        var isotope = SdfReader.Records(Lines(Ethanol.Replace("M  END", "M  ISO  1   1  13\nM  END"))).Single();
        Assert.Equal("[13CH3]C[O-]", Ours(isotope.Molecule!, "13C"));
    }

    [Theory]
    [InlineData("  3  2  0  0  0  0  0  0  0  0999 V2000", "  3  2  0  0  0  0  0  0  0  0999 V3000", 4, "V3000")]
    [InlineData("    2.0000    1.0000    0.0000 O ", "    2.0000    1.0x00    0.0000 O ", 7, "coordinate y")]
    [InlineData("  2  3  1  0", "  2  4  1  0", 9, "atom 4 does not exist")]
    [InlineData("  2  3  1  0", "  2  3  9  0", 9, "bond type 9")]
    [InlineData("  2  3  1  0", "  1  2  1  0", 9, "bonded twice")]
    [InlineData(" O   0  5", " Xx  0  5", 7, "unknown atom symbol 'Xx'")]
    [InlineData(" O   0  5", " R#  0  5", 7, "R-group")]
    [InlineData("M  END\n", "", 10, "data items start before 'M  END'")]
    public void A_Garbled_Record_Is_An_Error_Naming_Its_Line(string from, string to, int line, string reason)
    {
        var record = SdfReader.Records(Lines(Ethanol.Replace(from, to))).First();
        Assert.Null(record.Molecule);
        Assert.Contains(reason, record.Error);
        Assert.Equal(line, record.ErrorLine);
    }

    [Fact]
    public void A_Bad_Record_Is_Skipped_And_Reading_Goes_On_At_The_Next()
    {
        string bad = Ethanol.Replace("  2  3  1  0", "  2  3  x  0");
        var records = SdfReader.Records(Lines(Ethanol + bad + Ethanol)).ToList();
        Assert.Equal(3, records.Count);
        Assert.NotNull(records[0].Molecule);
        Assert.Null(records[1].Molecule);
        Assert.NotNull(records[2].Molecule);
        Assert.Equal(15, records[1].Line);
        Assert.Equal(23, records[1].ErrorLine);
    }

    [Fact]
    public void A_Truncated_File_Given_As_Data_Is_Refused_With_The_File_And_Line()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "cut.sdf");
        File.WriteAllText(path, Ethanol + string.Join("\n", Ethanol.Split('\n').Take(7)));
        var e = Assert.Throws<VaeException>(() => SmilesFileReader.Read(path));
        Assert.StartsWith(path + ": line ", e.Message);
        Assert.Contains("connection table", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    static List<string> Lines(string text) => text.Replace("\r", "").Split('\n').ToList();
}
