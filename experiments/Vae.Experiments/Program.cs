using Vae.Experiments;

// Experiments: each runs `vae` commands and writes a Markdown page (and figures) to docs/results/.
string usage = """
usage: experiments/run <experiment> [options]
  collapse [--epochs E] [--train-size N] [--k K] [--n N]   posterior collapse and remedies, pruning -> docs/results/collapse.md
  gaps                 EM vs linear VAE, approximation and amortization gaps      -> docs/results/inference-gaps.md
  rate-distortion      beta sweeps, R-D curves                                      -> docs/results/rate-distortion.md
  ae-vs-vae            reconstruction and FID-style sample quality                  -> docs/results/ae-vs-vae.md
  estimators           reparameterization vs score-function gradient variance       -> docs/results/gradient-estimators.md
  decoder-variance     learned sigma without a floor                                -> docs/results/decoder-variance.md
  disentanglement [--shard i/n]   5 objectives x beta 1..16 x 3 seeds on dSprites, every metric -> docs/results/disentanglement-sweep.md
                       (about 160 s per run, 75 runs; --shard 0/2 and 1/2 in two processes split them, then run without --shard to write the page)
  zoo [--data SOURCE] [--epochs E] [--seeds S] [--k K] [--n N] [--fid-n N] [--shard i/n] [--page-only]
                       every model of the zoo (VAE, IWAE family, two layers, VampPrior, flows, InfoVAE, AE, WAE, RAE, VQ-VAE),
                       same budget and seeds, one evaluation -> docs/results/zoo.md (zoo-<data>.md for other data; e.g. --data mnist:<dir>)
                       (defaults: fashion-mnist, 5 epochs, 3 seeds, K = 5000 on the first 1000 test images, 10000 samples per FD;
                       --shard 0/2 and 1/2 in two processes split the runs, then run without --shard to write the page;
                       --page-only writes the page from the runs measured so far)
  molecules [--epochs E] [--threads T] [--samples N] [--runs a,b] [--shard i/n] [--train-only] [--page-only]
                       SMILES, SMILES + randomized spellings and SELFIES VAEs on smiles:all with TPSA and logP heads, and a
                       learning curve (25/50/100% of the training molecules) -> docs/results/molecules-experiment.md
                       (defaults: 20 epochs, 1 thread, 10000 prior samples; hours: runs checkpoint every epoch and an unfinished
                       run is resumed when the experiment is started again; --shard 0/2 and 1/2 train in two processes)
  reference-model      (used by gaps and estimators) trains runs/reference: the reference VAE, 10 epochs
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
    case "gaps":
        return Write("inference-gaps", GapsExperiment.Run(Path.Combine("runs", "gaps"), Figures("inference-gaps"), command, Reference()));
    case "rate-distortion":
        return Write("rate-distortion", RateDistortionExperiment.Run(Path.Combine("runs", "rate-distortion"), Figures("rate-distortion"), command));
    case "ae-vs-vae":
        return Write("ae-vs-vae", AeVersusVaeExperiment.Run(Path.Combine("runs", "ae-vs-vae"), Path.Combine("runs", "rate-distortion"), command));
    case "estimators":
        return Write("gradient-estimators", EstimatorsExperiment.Run(Path.Combine("runs", "estimators"), Figures("gradient-estimators"), Reference(), command));
    case "decoder-variance":
        return Write("decoder-variance", DecoderVarianceExperiment.Run(Path.Combine("runs", "decoder-variance"), Figures("decoder-variance"), command));
    case "disentanglement":
    {
        if (!TryShard(out int index, out int shards)) return 2;
        string? page = DisentanglementExperiment.Run(Path.Combine("runs", "disentanglement"), Figures("disentanglement"), index, shards, "experiments/run disentanglement");
        return page is null ? 0 : Write("disentanglement-sweep", page);
    }
    case "zoo":
    {
        if (!TryShard(out int index, out int shards)) return 2;
        string data = Option("--data", "fashion-mnist");
        string slug = data == "fashion-mnist" ? "" : "-" + new string(data.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        string? page = ZooExperiment.Run(Path.Combine("runs", "zoo" + slug), data, int.Parse(Option("--epochs", "5")), int.Parse(Option("--seeds", "3")),
            int.Parse(Option("--k", "5000")), int.Parse(Option("--n", "1000")), int.Parse(Option("--fid-n", "10000")), index, shards,
            command.Replace(" --shard " + Option("--shard", "0/1"), "").Replace(" --page-only", ""), pageOnly: args.Contains("--page-only"));
        return page is null ? 0 : Write("zoo" + slug, page);
    }
    case "molecules":
    {
        if (!TryShard(out int index, out int shards)) return 2;
        string[] only = Option("--runs", "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        string? page = MoleculesExperiment.Run(Path.Combine("runs", "molecules"), int.Parse(Option("--epochs", "20")), int.Parse(Option("--threads", "1")),
            int.Parse(Option("--samples", "10000")), only, index, shards, args.Contains("--train-only"), args.Contains("--page-only"),
            "experiments/run molecules" + (args.Contains("--epochs") ? " --epochs " + Option("--epochs", "") : ""));
        return page is null ? 0 : Write("molecules-experiment", page);
    }
    case "reference-model":
        Console.WriteLine(Reference());
        return 0;
    default:
        Console.Error.WriteLine($"unknown experiment '{args[0]}'\n{usage}");
        return 2;
}

// --shard i/n: this process runs every n-th job from the i-th.
bool TryShard(out int index, out int shards)
{
    string[] shard = Option("--shard", "0/1").Split('/');
    shards = 1; index = 0;
    if (shard.Length == 2 && int.TryParse(shard[0], out index) && int.TryParse(shard[1], out shards) && shards >= 1 && index >= 0 && index < shards) return true;
    Console.Error.WriteLine($"error: --shard {Option("--shard", "")}: expected i/n with 0 ≤ i < n, e.g. --shard 0/2");
    return false;
}

string Figures(string name)
{
    string dir = Path.Combine(results, name);
    Directory.CreateDirectory(dir);
    return dir;
}

int Write(string name, string text)
{
    File.WriteAllText(Path.Combine(results, name + ".md"), text);
    Console.WriteLine(text);
    return 0;
}

// The reference model (MLP 784-400-20, 10 epochs on all 60,000 images), shared by several experiments.
string Reference()
{
    string dir = Path.Combine("runs", "reference");
    Runs.Train(dir, "--val-size", "0", "--epochs", "10", "--seed", "1");
    return dir;
}
