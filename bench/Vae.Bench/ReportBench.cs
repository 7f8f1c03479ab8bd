using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vae.Data;
using Vae.Models;
using Vae.Reliability;
using Vae.Runs;
using Vae.Training;
using Vae.Workflows.Reports;
using static TorchSharp.torch;

namespace Vae.Bench;

/// <summary>
/// `bench/run report`: a real model folder (the reference MLP with d = 64, trained 30 epochs on the first 10,000
/// Fashion-MNIST training images), its `vae report` with the default and the quick budget (time to write, size), and
/// the page loaded in headless Chromium again and again: load time (Navigation Timing, navigation start to the end of
/// the load event), console errors, requests leaving the file; and the README's screenshot.
/// </summary>
public static class ReportBench
{
    public static string Run(string root, int epochs, int latent, int rounds, string command)
    {
        string chromium = HeadlessChromium.Find() ?? throw new InvalidOperationException("bench/run report needs chromium (apt-get install -y chromium)");
        using var tmp = new TempFolder();
        string model = Path.Combine(tmp.Path, "d64");
        var config = new RunConfig
        {
            Model = ModelOptions.MnistMlp with { Latent = latent },
            Data = DataOptions.FashionMnist with { TrainLimit = 10_000, ValidationSize = 1000 },
            Training = TrainingOptions.Default with { Epochs = epochs },
        };
        var clock = Stopwatch.StartNew();
        using (var trainer = Trainer.Start(config, model, CPU)) trainer.Run();
        double trainSeconds = clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"trained {epochs} epochs in {trainSeconds:F0} s");

        var pages = new List<(string Budget, string Path, double Seconds, long Bytes, int Images)>();
        foreach (var budget in new[] { ReportBudget.Default, ReportBudget.Quick })
        {
            string page = Path.Combine(tmp.Path, $"report-{budget.Name}.html");
            clock.Restart();
            var written = Reports.Write(model, page, CPU, budget);
            pages.Add((budget.Name, page, clock.Elapsed.TotalSeconds, written.Bytes, File.ReadAllText(page).Split("<img ").Length - 1));
            Console.Error.WriteLine($"{budget.Name}: {clock.Elapsed.TotalSeconds:F1} s, {written.Bytes / 1024} KB");
        }

        var loads = new List<(string Budget, double[] Ms, int Errors, int External)>();
        byte[]? screenshot = null;
        foreach (var (name, page, _, _, _) in pages)
        {
            var ms = new List<double>();
            int errors = 0, external = 0;
            for (int r = 0; r < rounds; r++)
            {
                // A fresh browser for every load: nothing of the page is cached.
                var load = Task.Run(async () =>
                {
                    await using var browser = await HeadlessChromium.Start(chromium, 1200, 1800);
                    var l = await browser.Load(page);
                    if (screenshot is null && name == "default") screenshot = await browser.Screenshot();
                    return l;
                }).GetAwaiter().GetResult();
                ms.Add(load.LoadMilliseconds);
                errors += load.Errors.Count;
                external += load.External.Count;
                foreach (var e in load.Errors.Concat(load.External)) Console.Error.WriteLine($"{name}: {e}");
            }
            loads.Add((name, ms.ToArray(), errors, external));
        }
        string shot = Path.Combine(root, "docs", "images", "report.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        File.WriteAllBytes(shot, screenshot!);

        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# `vae report`: how fast the page loads");
        md.AppendLine();
        md.AppendLine(string.Create(inv, $"Produced by `{command}` on {DateTime.UtcNow:yyyy-MM-dd} ({Machine.Describe()}; {Version(chromium)}, headless)."));
        md.AppendLine();
        md.AppendLine(string.Create(inv, $"The model folder: the reference MLP (784-400-{latent}, ReLU, Bernoulli) with d = {latent}, trained for {epochs} epochs on the first 10,000 Fashion-MNIST training images ")
            + string.Create(inv, $"(1,000 held out for validation) in {trainSeconds:F0} s, so metrics.jsonl has {epochs} lines and the diagnosis a bar per dimension. ")
            + "Each page was written by `vae report` (the time includes loading the model and the test split), then loaded in a fresh headless Chromium "
            + rounds.ToString(inv) + " times with the DevTools Runtime, Log, Network and Page domains enabled; the load time is the page's Navigation Timing `loadEventEnd` "
            + "(navigation start to the end of the load event: the HTML parsed, every inlined PNG decoded and laid out).");
        md.AppendLine();
        md.AppendLine("| budget | written in | size | images | load time, median | min | max | console errors | requests leaving the file |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var ((name, _, seconds, bytes, images), (_, ms, errors, external)) in pages.Zip(loads))
            md.AppendLine(string.Create(inv, $"| {name} | {seconds:F1} s | {bytes / 1024.0:F0} KB | {images} | {Machine.Median(ms):F0} ms | {ms.Min():F0} ms | {ms.Max():F0} ms | {errors} | {external} |"));
        md.AppendLine();
        md.AppendLine("The default budget: NLL with K = 1000 on the first 1,000 test images, the diagnosis on 5,000, the latent plot of 5,000; `--quick`: K = 100 on 200, 1,000 and 1,000 "
            + "(the page states its budget in every section that computes).");
        md.AppendLine();
        md.AppendLine("The screenshot in the README ([docs/images/report.png](../images/report.png)) is the top of the default page, 1200×1800, taken in the same run (`Page.captureScreenshot`).");
        return md.ToString();
    }

    static string Version(string chromium)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(chromium, "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string v = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return v.Length > 0 ? v : "chromium";
        }
        catch (System.ComponentModel.Win32Exception) { return "chromium"; }
    }
}
