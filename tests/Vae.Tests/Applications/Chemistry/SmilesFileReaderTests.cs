using Vae.Applications.Chemistry;

namespace Vae.Tests.Applications.Chemistry;

public class SmilesFileReaderTests
{
    static string Write(TempDir dir, string name, string text)
    {
        string path = Path.Combine(dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Reads_Smi_With_Optional_Names_And_Skips_Comments_And_Blank_Lines()
    {
        using var dir = new TempDir();
        var set = SmilesFileReader.Read(Write(dir, "m.smi", "# made by hand\nCCO ethanol\n\nc1ccccc1\tbenzene ring\nCC\n"));
        Assert.Equal(["CCO", "c1ccccc1", "CC"], set.Smiles);
        Assert.Equal(["ethanol", "benzene ring", null], set.Ids);
        Assert.Empty(set.PropertyNames);
        Assert.Equal("m", set.Name);
    }

    [Fact]
    public void Reads_Csv_With_Header_Smiles_Column_And_Numeric_Properties()
    {
        using var dir = new TempDir();
        var set = SmilesFileReader.Read(Write(dir, "m.csv", "id,SMILES,tpsa,logp\nm1,CCO,20.23,-0.0014\nm2,\"c1ccccc1\",0,1.69\nm3,CN,26.02,\n"));
        Assert.Equal(["CCO", "c1ccccc1", "CN"], set.Smiles);
        Assert.Equal(["m1", "m2", "m3"], set.Ids);
        Assert.Equal(["tpsa", "logp"], set.PropertyNames);
        Assert.Equal([20.23, 0, 26.02], set.Property("TPSA"));
        Assert.True(double.IsNaN(set.Property("logp")[2]));
    }

    [Fact]
    public void Reads_Headerless_Quoted_Csv_Like_The_Wehi_File()
    {
        using var dir = new TempDir();
        var set = SmilesFileReader.Read(Write(dir, "w.csv", "\"N(NC(=O)C1CCC1)c2ccccc2\",\"WEHI-1\"\n\"c1ccncc1\",\"WEHI-2\"\n"));
        Assert.Equal(["N(NC(=O)C1CCC1)c2ccccc2", "c1ccncc1"], set.Smiles);
        Assert.Equal(["WEHI-1", "WEHI-2"], set.Ids);
    }

    [Fact]
    public void Reads_Headerless_Csv_With_A_Property_Like_The_Tpsa_File()
    {
        using var dir = new TempDir();
        var set = SmilesFileReader.Read(Write(dir, "t.csv", "# TPSA data\nCC1=CC(=O)C=CC1=O,34.14\nCCO,20.23\n"));
        Assert.Equal(["CC1=CC(=O)C=CC1=O", "CCO"], set.Smiles);
        Assert.Equal([34.14, 20.23], set.Property("column1"));
    }

    [Fact]
    public void Chooses_The_Column_By_Name_Or_Index_In_A_Tsv()
    {
        using var dir = new TempDir();
        string path = Write(dir, "m.tsv", "name\tcanonical\tother\tpIC50\nA\tCCO\tCC\t5.5\nB\tCN\tCO\t6\n");
        Assert.Equal(["CC", "CO"], SmilesFileReader.Read(path, "other").Smiles);
        Assert.Equal(["CCO", "CN"], SmilesFileReader.Read(path, "1").Smiles);
        Assert.Equal([5.5, 6], SmilesFileReader.Read(path, "canonical").Property("pIC50"));
        var e = Assert.Throws<VaeException>(() => SmilesFileReader.Read(path, "smiles"));
        Assert.Contains("no column 'smiles'", e.Message);
    }

    [Fact]
    public void Ragged_Rows_And_Missing_Files_Are_Errors_Naming_The_File()
    {
        using var dir = new TempDir();
        string path = Write(dir, "bad.csv", "smiles,y\nCCO,1\nCN\n");
        Assert.Contains("line 3", Assert.Throws<VaeException>(() => SmilesFileReader.Read(path)).Message);
        Assert.Contains("not found", Assert.Throws<VaeException>(() => SmilesFileReader.Read(Path.Combine(dir.Path, "none.smi"))).Message);
    }

    [Fact]
    public void The_Smiles_Source_Names_A_File_And_An_Optional_Column()
    {
        using var dir = new TempDir();
        string path = Write(dir, "m.csv", "a,b\nCCO,CN\n");
        Assert.Equal((path, (string?)null), SmilesSource.Parse($"smiles:{path}"));
        Assert.Equal((path, "b"), SmilesSource.Parse($"smiles:{path}:b"));
        Assert.Equal(["CN"], SmilesSource.Load($"smiles:{path}:b").Smiles);
        Assert.Equal(SmilesSource.Nci5k, SmilesSource.Parse("smiles:nci").File);
        Assert.Throws<VaeException>(() => SmilesSource.Parse("csv:x.csv"));
    }

    [FactWithRdkitData]
    public void Reads_The_Three_Default_Files()
    {
        Assert.Equal(4999, SmilesSource.Load("smiles:nci").Count);
        var wehi = SmilesSource.Load("smiles:wehi");
        Assert.Equal(10_000, wehi.Count);
        Assert.Equal("WEHI-0039854", wehi.Ids[0]);
        Assert.Equal(1017, SmilesSource.Load("smiles:chembl").Count);
    }
}
