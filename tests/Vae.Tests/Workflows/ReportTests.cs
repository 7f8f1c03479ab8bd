using System.Text.Json;
using System.Text.RegularExpressions;
using Vae.Reliability;
using Vae.Tests.Cli;
using Vae.Workflows.Reports;

namespace Vae.Tests.Workflows;

/// <summary>A tiny image VAE (28×28 squares, d = 4) trained for one epoch through the command line, and its `vae report --quick`.</summary>
public sealed class ReportFixture : IDisposable
{
    public ReportFixture()
    {
        var mnist = Fixtures.MnistFolder(Dir.Path, train: 256, test: 40);
        // A folder name with markup in it: the page must show it as text.
        Model = Dir.File("tiny <i>&");
        var r = CliRunner.Run("train", "--data", "mnist:" + mnist, "--out", Model, "--epochs", "1", "--hidden", "32", "--latent", "4", "--val-size", "32", "--batch-size", "32");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Page = Dir.File("report.html");
        r = CliRunner.Run("report", Model, "--quick", "--out", Page);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Html = File.ReadAllText(Page);
    }

    public TempDir Dir { get; } = new();
    public string Model { get; }
    public string Page { get; }
    public string Html { get; }

    public void Dispose() => Dir.Dispose();
}

public class ReportTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    static readonly string[] ModelSections =
        ["Model", "Configuration", "Training curves", "Test evaluation", "Diagnosis: is the posterior collapsed?", "Samples, reconstructions and interpolations", "Latent traversals", "Latent space"];

    static IReadOnlyList<string> Headings(string html) => Regex.Matches(html, "<h2[^>]*>([^<]*)</h2>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    static void AssertSelfContained(string html)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        var sources = Regex.Matches(html, "\\ssrc=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.StartsWith("data:image/png;base64,", s));
        Assert.All(Regex.Matches(html, "\\shref=\"([^\"]*)\"").Select(m => m.Groups[1].Value), h => Assert.StartsWith("#", h));
        Assert.DoesNotContain("Not shown:", html);
    }

    [Fact]
    public void Model_Report_Has_Every_Section_Inlines_Its_Images_And_Fetches_Nothing()
    {
        Assert.Equal(ModelSections, Headings(fixture.Html));
        AssertSelfContained(fixture.Html);
        Assert.Contains("K = 100", fixture.Html);                 // the quick budget, stated
        Assert.Contains("first 40 examples of the test split", fixture.Html);
        Assert.Contains("verdict", fixture.Html);
    }

    [Fact]
    public void User_Text_Is_Html_Encoded()
    {
        Assert.Contains("Model report: tiny &lt;i&gt;&amp;", fixture.Html);
        Assert.DoesNotContain("<i>", fixture.Html);
    }

    [FactWithChromium]
    public async Task Model_Report_Renders_In_Headless_Chromium_Without_Errors_Or_Requests_Leaving_The_File()
    {
        await using var browser = await HeadlessChromium.Start(HeadlessChromium.Find()!, 1280, 900);
        var load = await browser.Load(fixture.Page);
        Assert.True(load.Errors.Count == 0, string.Join("\n", load.Errors));
        Assert.True(load.External.Count == 0, string.Join("\n", load.External));
        Assert.Contains(load.Requests, u => u.StartsWith("file:", StringComparison.Ordinal));   // the page itself was seen: the Network domain listens
        var png = await browser.Screenshot(fullPage: true);
        var (colours, nonWhite) = ScreenshotCheck.Measure(png);
        Assert.True(colours > 50 && nonWhite > 0.05, $"the screenshot looks blank: {colours} colours, {nonWhite:P1} not white");
        Assert.Equal(ModelSections.Length, int.Parse(await browser.Evaluate("document.querySelectorAll('h2').length")));
        Assert.Equal("true", await browser.Evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0).toString()"));
    }

    [Fact]
    public void A_Folder_That_Is_Not_A_Model_A_Sweep_Or_A_Zoo_Gets_One_Line_Naming_It()
    {
        string empty = fixture.Dir.File("empty");
        Directory.CreateDirectory(empty);
        var r = CliRunner.Run("report", empty);
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Error.Trim().Split('\n'));
        Assert.Contains(empty + ": not a model folder, a β sweep or a zoo experiment (expected a model folder (with config.json)", line);
    }

    [Fact]
    public void Sweep_Report_Draws_The_Rate_Distortion_Curve_Scores_Against_Beta_And_Samples_Per_Beta()
    {
        string sweep = fixture.Dir.File("sweep");
        var points = new List<object>();
        foreach (var (beta, rate, distortion) in new[] { (0.5, 9.0, 300.0), (1.0, 5.0, 310.0), (2.0, 2.0, 330.0) })
        {
            string dir = BetaFolder(sweep, beta);
            // as `vae sweep --out runs/sweep` writes it from another folder: found by its name in the sweep's folder
            points.Add(new { beta, rate, distortion, elbo = -(rate + distortion), mse = (double?)null, n = 40, model_dir = Path.Combine("runs", "sweep", Path.GetFileName(dir)) });
        }
        File.WriteAllText(Path.Combine(sweep, "sweep.json"), JsonSerializer.Serialize(new { points }));
        string page = Path.Combine(sweep, "report.html");
        var r = CliRunner.Run("report", sweep);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        string html = File.ReadAllText(page);
        Assert.Equal(["Rate and distortion", "Samples per β"], Headings(html));
        Assert.Contains("sweep.json: 3 points", html);
        Assert.Contains("<td>310.00</td>", html);
        Assert.Equal(2 + 3, Regex.Matches(html, "<img ").Count);
        AssertSelfContained(html);
    }

    [Fact]
    public void Sweep_Without_Its_Points_File_Is_Measured_On_The_Budget()
    {
        string sweep = fixture.Dir.File("unfinished-sweep");
        BetaFolder(sweep, 1);
        var r = CliRunner.Run("report", sweep, "--quick");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        string html = File.ReadAllText(Path.Combine(sweep, "report.html"));
        Assert.Contains("No sweep.json (the sweep did not finish): rate and distortion measured now", html);
        AssertSelfContained(html);
    }

    [Fact]
    public void Zoo_Report_Has_The_Comparison_Table_And_One_Row_Of_Samples_Per_Model()
    {
        string zoo = fixture.Dir.File("zoo");
        foreach (var (model, seed, nll) in new[] { ("vae", 1, 250.0), ("vae", 2, 252.0), ("iwae-k-5", 1, 249.0) })
        {
            string run = Path.Combine(zoo, model, $"seed-{seed}");
            if (model == "vae") CopyModel(run);
            else Directory.CreateDirectory(run);
            File.WriteAllText(Path.Combine(run, "zoo.json"), JsonSerializer.Serialize(new
            {
                Nll = nll, NegElbo = nll + 3, Reconstruction = 240.0, FidPrior = 200.0, FidGmm = 150.0, ActiveUnits = 6, MutualInformation = 7.9, SecondsPerEpoch = 2.2, TotalGap = 3.0,
            }));
        }
        var r = CliRunner.Run("report", zoo, "--out", Path.Combine(zoo, "zoo.html"));
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("the report of a zoo experiment", r.Out);
        string html = File.ReadAllText(Path.Combine(zoo, "zoo.html"));
        Assert.Equal(["Comparison", "Samples per model"], Headings(html));
        Assert.Contains("<td>vae</td><td>2 of 2</td><td>251.0 ± 1.4</td>", System.Net.WebUtility.HtmlDecode(html));
        Assert.Contains("<td>iwae-k-5</td><td>1 of 1</td><td>249.0</td>", html);
        Assert.Single(Regex.Matches(html, "<img "));
        AssertSelfContained(html);
    }

    [Fact]
    public void Report_Kind_Is_Told_By_The_Folder()
    {
        Assert.Equal(ReportFolderKind.Model, Reports.KindOf(fixture.Model));
        var e = Assert.Throws<VaeException>(() => Reports.KindOf(fixture.Dir.File("nowhere")));
        Assert.Contains("nowhere: folder not found", e.Message);
    }

    string BetaFolder(string sweep, double beta)
    {
        string dir = Path.Combine(sweep, "beta-" + beta.ToString(System.Globalization.CultureInfo.InvariantCulture));
        CopyModel(dir);
        return dir;
    }

    void CopyModel(string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(fixture.Model)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
