using System.Text.Json;
using Vae.Tests.Cli;

namespace Vae.Tests.Applications.Chemistry;

public class MolCommandTests
{
    [Fact]
    public void Check_Json_Prints_One_Object_Per_Line_With_Smiles_Valid_And_Reason()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "m.smi");
        File.WriteAllText(path, "CCO ethanol\nC1CC\n\nc1cccc1\n");
        var r = CliRunner.Run("mol", "check", path, "--json");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(["smiles", "valid", "reason"], lines[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("CCO", lines[0].GetProperty("smiles").GetString());
        Assert.True(lines[0].GetProperty("valid").GetBoolean());
        Assert.Equal("", lines[0].GetProperty("reason").GetString());
        Assert.False(lines[1].GetProperty("valid").GetBoolean());
        Assert.Contains("unclosed ring", lines[1].GetProperty("reason").GetString());
        Assert.Contains("kekulized", lines[2].GetProperty("reason").GetString());
    }

    [Fact]
    public void Check_Without_Json_Prints_Verdicts_And_A_Summary()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "m.smi");
        File.WriteAllText(path, "CCO\nN(C)(C)(C)C\n");
        var r = CliRunner.Run("mol", "check", path);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("valid    CCO", r.Out);
        Assert.Contains("bad valence", r.Out);
        Assert.Contains("1 of 2 valid (50.0%)", r.Out);
    }

    [Fact]
    public void Props_Prints_Tpsa_LogP_Rings_And_Canonical_Form()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "m.smi");
        File.WriteAllText(path, "OC(=O)c1ccccc1\n");
        var r = CliRunner.Run("mol", "props", path, "--json");
        var o = JsonDocument.Parse(r.Out.Trim()).RootElement;
        Assert.Equal(37.3, o.GetProperty("tpsa").GetDouble(), 2);
        Assert.Equal(1.3848, o.GetProperty("log_p").GetDouble(), 4);   // RDKit's Crippen.MolLogP
        Assert.Equal(9, o.GetProperty("heavy_atoms").GetInt32());
        Assert.Equal(1, o.GetProperty("rings").GetInt32());
        Assert.Equal("O=C(O)c1ccccc1", o.GetProperty("canonical").GetString());
    }

    [Fact]
    public void A_Missing_File_Is_Bad_Input()
    {
        var r = CliRunner.Run("mol", "check", "/nonexistent/file.smi");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("file not found", r.Error);
    }
}
