namespace Vae.Tests.Layering;

/// <summary>The folder layering of src/Vae (docs/DESIGN.md, "Which folder may use which"); tools/check-layers runs these.</summary>
public class LayeringTests
{
    static readonly Dictionary<string, HashSet<string>> Members = LayerCheck.MembersOf(typeof(VaeException).Assembly);

    internal static string SrcVae()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "src", "Vae", "Vae.csproj"))) return Path.Combine(dir.FullName, "src", "Vae");
        throw new DirectoryNotFoundException($"src/Vae not found above {AppContext.BaseDirectory}.");
    }

    [Fact]
    public void No_Folder_Of_The_Library_References_A_Folder_It_Must_Not()
    {
        var violations = LayerCheck.CheckTree(SrcVae(), Members).ToList();
        Assert.True(violations.Count == 0,
            $"{violations.Count} references break the layering of docs/DESIGN.md:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Every_File_Is_In_The_Namespace_Of_Its_Folder()
    {
        string root = SrcVae();
        var wrong = new List<string>();
        foreach (var dir in Directory.GetDirectories(root).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
            foreach (var path in Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories))
            {
                string folder = Path.GetFileName(dir);
                string expected = folder == "Core" ? "Vae" : "Vae." + folder;
                string? declared = File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("namespace ", StringComparison.Ordinal))?[10..].TrimEnd(';', ' ', '{');
                bool ok = declared == expected || folder != "Core" && declared?.StartsWith(expected + ".", StringComparison.Ordinal) == true;
                if (!ok) wrong.Add($"{Path.GetRelativePath(root, path)}: namespace {declared ?? "(none)"}, expected {expected}");
            }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void No_Source_File_Is_Left_At_The_Root_Of_The_Library() =>
        Assert.Empty(Directory.GetFiles(SrcVae(), "*.cs"));

    [Fact]
    public void The_Members_Of_A_Folder_Are_Read_From_The_Library()
    {
        Assert.Contains("VaeModel", Members["Models"]);
        Assert.Contains("Shards", Members["Data"]);
        Assert.Contains("RunConfig", Members["Runs"]);
        Assert.DoesNotContain("Source", Members["Data"]);
    }

    const string Fake = """
        using System.Text;
        using Vae.Training;
        using static Vae.Applications.Physics.CurveFits;
        using Fits = Vae.Applications.Physics.CurveFits;
        using Vae.IO;

        namespace Vae.Data;

        // Models.VaeModel in a comment is not a reference, nor using Vae.Models; here.
        /* nor Vae.Training.Trainer in a block comment */
        public static class Fake
        {
            public static string Name(Config config) => config.Data.Source + "Models.VaeModel in a string" + @"Vae.Models.X";
            public static object Model(int seed) => new Models.VaeModel(seed);
            public static object Qualified() => global::Vae.Models.VaeModel.MinLogVariance;
            public static string Hole(int x) => $"{x} {Models.VaeModel.MaxLogVariance:F2} and {{Models.VaeModel}}";
            public static bool Is(object o) => o is Vae.Models.VaeModel
                || o is Models.
                    ElboTerms;
            public static char Quote() => '"';
            public static object Own() => Data.Shards.ShardedDataset.Open("x");
            public static object Property(Fake f) => f.Models.Count + Training.Count;
        }
        """;

    [Fact]
    public void A_Fake_Data_File_Has_Every_Forbidden_Reference_Reported_And_No_Other()
    {
        var found = LayerCheck.Check("src/Vae/Data/Fake.cs", "Data", Fake, Members).Select(v => (v.Line, v.Referenced)).Order().ToList();
        Assert.Equal(
        [
            (2, "Training"), (3, "Applications"), (4, "Applications"),
            (14, "Models"), (15, "Models"), (16, "Models"), (17, "Models"), (18, "Models"),
        ], found);
    }

    [Fact]
    public void A_Violation_Names_The_File_The_Line_The_Rule_And_The_Code()
    {
        var v = Assert.Single(LayerCheck.Check("src/Vae/Nn/Fake.cs", "Nn", "namespace Vae.Nn;\n\nclass A { object L => Distributions.LikelihoodKind.Bernoulli; }\n", Members));
        Assert.Equal("src/Vae/Nn/Fake.cs:3: Nn → Distributions: class A { object L => Distributions.LikelihoodKind.Bernoulli; }", v.ToString());
    }

    [Fact]
    public void A_Folder_Without_Rules_May_Reference_Anything() =>
        Assert.Empty(LayerCheck.Check("src/Vae/Applications/X.cs", "Applications", "using Vae.Training;\nclass A { object T => Training.Trainer.X; }", Members));

    [Theory]
    [InlineData("var s = \"a\\\"Models.VaeModel\";", "var s = \"                  \";")]
    [InlineData("var s = @\"a\"\"Models.X\"; // Models.Y", "var s = @\"           \";            ")]
    [InlineData("var s = $\"{a.B(\"x\")}{{c}}\";", "var s = $\"{a.B(\" \")}     \";")]
    [InlineData("var s = \"\"\"\n  Models.X \"q\"\n  \"\"\"; M.N", "var s = \"\"\"\n              \n  \"\"\"; M.N")]
    [InlineData("var s = $$\"\"\"{x} {{Models.X}}\"\"\"; M.N", "var s = $$\"\"\"    {{Models.X}}\"\"\"; M.N")]
    [InlineData("char c = '\\''; var d = Models.X;", "char c = '  '; var d = Models.X;")]
    public void Comments_And_String_Text_Are_Blanked_And_Holes_Kept(string source, string expected) =>
        Assert.Equal(expected, CSharpCode.Blank(source));
}
