using Vae.Bench;

// Benchmarks and long measurements: not part of the test suite. Each writes a Markdown result to
// docs/results/ with the command that produced it and the machine it ran on.
string Usage = """
usage: bench/run <benchmark> [options]
  reference  [--epochs E] [--seed S]                       reference model numbers on Fashion-MNIST -> docs/results/reference-model.md
  fuzz       [--cases N] [--seed S] [--targets a,b]        mutated inputs for every reader (or those named: idx, idx-gzip, csv, config, model-folder, h5ad)
                                                           -> docs/results/fuzzing.md (with --targets: printed only)
  catalogue                                                the bad-input catalogue, run for real   -> docs/reliability.md
  text       [--mb 100] [--rounds 5]                       strict UTF-8 reading vs StreamReader    -> docs/results/text-reading.md
  performance [--rounds R] [--epochs E] [--batch-sizes 32,128,512] [--no-python] [--no-conv] [--no-memory] [--no-streaming] [--no-openblas (skip the --gemm openblas column)] [--stream-rows N]
                                                           ceilings, trainer vs bare loop vs PyTorch, IS, memory, streaming -> docs/results/performance.md
  images     [--images N] [--epochs E] [--rounds R]        a folder of N Fashion-MNIST PNGs (default 100000) through images: and shards: vs IDX -> its section of docs/results/performance.md
  report     [--epochs 30] [--latent 64] [--rounds 10]     vae report of a d = 64 model trained 30 epochs, loaded in headless Chromium -> docs/results/report.md (+ docs/images/report.png)
  distributed [--epochs 10] [--counts]                     data-parallel training on Open MPI (2 ranks vs one process, projection) -> docs/results/distributed.md
  h5ad       [--cells 1000000] [--small-cells 100000] [--batch-size 512]
                                                           one epoch on AnnData files, in memory and --stream: cells/s, peak RSS -> a section of docs/results/performance.md
  convolutions [--steps 50]                                float32 CPU convolutions against float64 and their speed, ATen vs oneDNN at each
                                                           instruction set -> docs/results/convolutions.md
  families   [--rounds 2] [--only mlp,conv28,nb,...,is,startup] [--step-scale 1] [--profiles-only]
                                                           every model family (`vae train` as a process) against a PyTorch peer of the same architecture,
                                                           alternating: samples/s, peak RSS, step profiles, IS at K = 5000, start-up -> a section of docs/results/performance.md
  torch-export RUN [RUN...]                                exports each model as safetensors and pt, PyTorch (python3-torch) runs vae_model.py on the
                                                           same inputs as the toolkit -> a section of docs/results/export.md
""";
if (args.Length == 0 || args[0] is "-h" or "--help") { Console.WriteLine(Usage); return 0; }
string Option(string name, string fallback) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback; }
string root = Environment.GetEnvironmentVariable("VAE_REPO_ROOT") ?? Directory.GetCurrentDirectory();
string results = Path.Combine(root, "docs", "results");
Directory.CreateDirectory(results);
string command = "bench/run " + string.Join(" ", args);
// The section `bench/run h5ad` writes into performance.md; `bench/run performance` rewrites the rest of the file and keeps it.
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
    case "distributed":
    {
        var text = DistributedBench.Run(root, command, int.Parse(Option("--epochs", "10")), args.Contains("--counts"));
        File.WriteAllText(Path.Combine(results, "distributed.md"), text);
        Console.WriteLine(text);
        return 0;
    }
    case "performance":
    {
        var options = new PerformanceBench.Options(int.Parse(Option("--rounds", "2")), int.Parse(Option("--epochs", "3")),
            [.. Option("--batch-sizes", "32,128,512").Split(',').Select(int.Parse)],
            !args.Contains("--no-python"), !args.Contains("--no-conv"), !args.Contains("--no-memory"), !args.Contains("--no-streaming"), long.Parse(Option("--stream-rows", "11000000")), !args.Contains("--no-openblas"));
        var text = PerformanceBench.Run(options, command);
        string file = Path.Combine(results, "performance.md");
        // Sections written by other benchmarks (bench/run images, bench/run h5ad) are kept.
        if (File.Exists(file))
        {
            string old = File.ReadAllText(file);
            foreach (var (begin, end) in new[] { (ImageFolderBench.Begin, ImageFolderBench.End), (H5adBench.Begin, H5adBench.End) })
                if (MarkedSections.Find(old, begin, end) is string kept) text = MarkedSections.Splice(text, kept + "\n", begin, end);
            // bench/run families' sections (and the notes on them) stand at the end of the page: kept as they are.
            if (old.IndexOf("<!-- bench/run families", StringComparison.Ordinal) is int at and >= 0) text = text.TrimEnd('\n') + "\n\n" + old[at..];
        }
        File.WriteAllText(file, text);
        Console.WriteLine(text);
        return 0;
    }
    case "images":
    {
        var section = ImageFolderBench.Run(int.Parse(Option("--images", "100000")), int.Parse(Option("--epochs", "5")), int.Parse(Option("--rounds", "3")), command);
        MarkedSections.Write(Path.Combine(results, "performance.md"), section, ImageFolderBench.Begin, ImageFolderBench.End);
        Console.WriteLine(section);
        return 0;
    }
    case "images-child":
        Console.WriteLine(ImageFolderBench.Child(args[1], args[2], args[3], int.Parse(args[4]), args.Length > 5 && args[5] != "-" ? args[5] : null, args.Length > 6 ? int.Parse(args[6]) : null));
        return 0;
    case "h5ad":
    {
        string section = H5adBench.Run(root, int.Parse(Option("--cells", "1000000")), int.Parse(Option("--small-cells", "100000")), int.Parse(Option("--batch-size", "512")), command);
        MarkedSections.Write(Path.Combine(results, "performance.md"), section, H5adBench.Begin, H5adBench.End);
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
    case "families":
    {
        var only = Option("--only", "");
        var familyOptions = new FamiliesBench.Options(int.Parse(Option("--rounds", "2")), only.Length == 0 ? null : only.Split(','),
            double.Parse(Option("--step-scale", "1"), System.Globalization.CultureInfo.InvariantCulture), args.Contains("--profiles-only"));
        var sections = FamiliesBench.Run(root, familyOptions, command,
            partial => MarkedSections.Write(Path.Combine(results, "performance.md"), partial, FamiliesBench.Markers(familyOptions).Begin, FamiliesBench.Markers(familyOptions).End));
        foreach (var (section, begin, end) in sections)
        {
            MarkedSections.Write(Path.Combine(results, "performance.md"), section, begin, end);
            Console.WriteLine(section);
        }
        return 0;
    }
    case "families-data":
        Console.WriteLine(FamiliesBench.DataChild(args[1], args[2]));
        return 0;
    case "families-profile":
        Console.WriteLine(FamiliesBench.ProfileChild(args[1], int.Parse(args[2])));
        return 0;
    case "families-is":
        Console.WriteLine(FamiliesBench.ImportanceChild(args[1], int.Parse(args[2]), int.Parse(args[3])));
        return 0;
    case "convolutions":
    {
        var text = ConvolutionBench.Run(command, int.Parse(Option("--steps", "50")));
        File.WriteAllText(Path.Combine(results, "convolutions.md"), text);
        Console.WriteLine(text);
        return 0;
    }
    case "convolutions-child":
        Console.WriteLine(ConvolutionBench.ChildRun(int.Parse(args[1])));
        return 0;
    case "torch-export":
    {
        var (section, passed) = TorchExportBench.Run(root, args[1..], command);
        MarkedSections.Write(Path.Combine(results, "export.md"), section, TorchExportBench.Begin, TorchExportBench.End);
        Console.WriteLine(section);
        return passed ? 0 : 1;
    }
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
    case "report":
    {
        var text = ReportBench.Run(root, int.Parse(Option("--epochs", "30")), int.Parse(Option("--latent", "64")), int.Parse(Option("--rounds", "10")), command);
        File.WriteAllText(Path.Combine(results, "report.md"), text);
        Console.WriteLine(text);
        return 0;
    }
    case "text":
    {
        var text = TextReadBench.Run(int.Parse(Option("--mb", "100")), int.Parse(Option("--rounds", "5")), command);
        File.WriteAllText(Path.Combine(results, "text-reading.md"), text);
        Console.WriteLine(text);
        return 0;
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
