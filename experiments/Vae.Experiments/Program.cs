using Vae.Experiments;

// Experiments: each runs `vae` commands and writes a Markdown page (and figures) to docs/results/.
string usage = """
usage: experiments/run <experiment> [options]
  collapse [--epochs E] [--train-size N] [--k K] [--n N]   posterior collapse and remedies, pruning -> docs/results/collapse.md
Runs (model folders) go to runs/<experiment>/ and are reused when complete.
""";
if (args.Length == 0 || args[0] is "-h" or "--help") { Console.WriteLine(usage); return 0; }
string Option(string name, string fallback) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback; }
string root = Environment.GetEnvironmentVariable("VAE_REPO_ROOT") ?? Directory.GetCurrentDirectory();
Directory.SetCurrentDirectory(root);
string results = Path.Combine("docs", "results");
string command = "experiments/run " + string.Join(" ", args);
switch (args[0])
{
    case "collapse":
    {
        string figures = Path.Combine(results, "collapse");
        Directory.CreateDirectory(figures);
        var text = CollapseExperiment.Run(Path.Combine("runs", "collapse"), figures, int.Parse(Option("--epochs", "10")),
            int.Parse(Option("--train-size", "20000")), int.Parse(Option("--k", "100")), int.Parse(Option("--n", "500")), command);
        File.WriteAllText(Path.Combine(results, "collapse.md"), text);
        Console.WriteLine(text);
        return 0;
    }
    default:
        Console.Error.WriteLine($"unknown experiment '{args[0]}'\n{usage}");
        return 2;
}
