using Vae.Bench;

// Benchmarks and long measurements: not part of the test suite. Each writes a Markdown result to
// docs/results/ with the command that produced it and the machine it ran on.
string Usage = """
usage: bench/run <benchmark> [options]
  reference  [--epochs E] [--seed S]                       reference model numbers on Fashion-MNIST -> docs/results/reference-model.md
  fuzz       [--cases N] [--seed S] [--targets a,b]        mutated inputs for every reader (or those named: idx, idx-gzip, csv, config, model-folder, h5ad)
                                                           -> docs/results/fuzzing.md (with --targets: printed only)
  catalogue                                                the bad-input catalogue, run for real   -> docs/reliability.md
  performance [--rounds R] [--epochs E] [--batch-sizes 32,128,512] [--no-python] [--no-conv] [--no-memory] [--no-streaming] [--no-openblas (skip the --gemm openblas column)] [--stream-rows N]
                                                           ceilings, trainer vs bare loop vs PyTorch, IS, memory, streaming -> docs/results/performance.md
  h5ad       [--cells 1000000] [--small-cells 100000] [--batch-size 512]
                                                           one epoch on AnnData files, in memory and --stream: cells/s, peak RSS -> a section of docs/results/performance.md
""";
if (args.Length == 0 || args[0] is "-h" or "--help") { Console.WriteLine(Usage); return 0; }
string Option(string name, string fallback) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback; }
string root = Environment.GetEnvironmentVariable("VAE_REPO_ROOT") ?? Directory.GetCurrentDirectory();
string results = Path.Combine(root, "docs", "results");
Directory.CreateDirectory(results);
string command = "bench/run " + string.Join(" ", args);
// The section `bench/run h5ad` writes into performance.md; `bench/run performance` rewrites the rest of the file and keeps it.
string KeepH5adSection(string text)
{
    string path = Path.Combine(results, "performance.md");
    if (!File.Exists(path)) return text;
    string old = File.ReadAllText(path);
    int b = old.IndexOf(H5adBench.Begin, StringComparison.Ordinal), e = old.IndexOf(H5adBench.End, StringComparison.Ordinal);
    return b >= 0 && e > b ? text.TrimEnd() + "\n\n" + old[b..(e + H5adBench.End.Length)] + "\n" : text;
}
switch (args[0])
{
    case "reference":
        using (var tmp = new TempFolder())
        {
            var text = ReferenceBench.Run(int.Parse(Option("--epochs", "10")), int.Parse(Option("--seed", "1")), command, Path.Combine(tmp.Path, "model"));
            File.WriteAllText(Path.Combine(results, "reference-model.md"), text);
            Console.WriteLine(text);
        }
        return 0;
    case "performance":
    {
        var options = new PerformanceBench.Options(int.Parse(Option("--rounds", "2")), int.Parse(Option("--epochs", "3")),
            [.. Option("--batch-sizes", "32,128,512").Split(',').Select(int.Parse)],
            !args.Contains("--no-python"), !args.Contains("--no-conv"), !args.Contains("--no-memory"), !args.Contains("--no-streaming"), long.Parse(Option("--stream-rows", "11000000")), !args.Contains("--no-openblas"));
        var text = KeepH5adSection(PerformanceBench.Run(options, command));
        File.WriteAllText(Path.Combine(results, "performance.md"), text);
        Console.WriteLine(text);
        return 0;
    }
    case "h5ad":
    {
        string section = H5adBench.Run(root, int.Parse(Option("--cells", "1000000")), int.Parse(Option("--small-cells", "100000")), int.Parse(Option("--batch-size", "512")), command);
        string path = Path.Combine(results, "performance.md");
        string old = File.Exists(path) ? File.ReadAllText(path) : "# Performance\n";
        int b = old.IndexOf(H5adBench.Begin, StringComparison.Ordinal), e = old.IndexOf(H5adBench.End, StringComparison.Ordinal);
        string updated = b >= 0 && e > b ? old[..b] + section.TrimEnd() + old[(e + H5adBench.End.Length)..] : old.TrimEnd() + "\n\n" + section;
        File.WriteAllText(path, updated);
        Console.WriteLine(section);
        return 0;
    }
    case "h5ad-child":
        Console.WriteLine(H5adBench.ChildRun(args[1], args[2], args[3], int.Parse(args[4])));
        return 0;
    case "memory-child":
        Console.WriteLine(PerformanceBench.MemoryChild());
        return 0;
    case "stream-child":
        Console.WriteLine(PerformanceBench.StreamChild(args[1], args[2], int.Parse(args[3])));
        return 0;
    case "catalogue":
    {
        using var workspace = new Vae.Reliability.Workspace();
        var outcomes = Vae.Reliability.BadInputCatalogue.Cases.Select(c => Vae.Reliability.CatalogueRunner.Run(workspace, c)).ToList();
        var text = Vae.Reliability.CatalogueRunner.Document(outcomes, command);
        File.WriteAllText(Path.Combine(root, "docs", "reliability.md"), text);
        foreach (var o in outcomes.Where(o => o.Problems.Count > 0)) Console.Error.WriteLine($"{o.Case.Description}: {string.Join("; ", o.Problems)} — {o.Message}");
        Console.WriteLine($"{outcomes.Count} cases, {outcomes.Count(o => o.Problems.Count == 0)} as documented -> docs/reliability.md");
        return outcomes.All(o => o.Problems.Count == 0) ? 0 : 1;
    }
    case "fuzz":
    {
        string? only = Option("--targets", "");
        var text = FuzzBench.Run(int.Parse(Option("--cases", "10000")), int.Parse(Option("--seed", "1")), command, only.Length == 0 ? null : only.Split(','));
        if (only.Length == 0) File.WriteAllText(Path.Combine(results, "fuzzing.md"), text);
        Console.WriteLine(text);
        return text.Contains("No failures.") ? 0 : 1;
    }
    default:
        Console.Error.WriteLine($"unknown benchmark '{args[0]}'\n{Usage}");
        return 2;
}
