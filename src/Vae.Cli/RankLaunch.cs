using Vae.Distributed;

namespace Vae.Cli;

/// <summary>The options of a verb that runs over the ranks of an mpirun (`--ranks`, `--rank-timeout`).</summary>
public interface IRankSettings
{
    int? Ranks { get; }
    double? RankTimeout { get; }
}

/// <summary>
/// `--ranks N` of the verbs that run on several ranks (<see cref="Verbs"/>: train, eval, diagnose, sweep, sc evaluate): the checks every
/// rank makes alike, and starting the same command line as N ranks of an mpirun on this machine.
/// </summary>
public static class RankLaunch
{
    /// <summary>The verbs that run on several ranks (a branch's verb with its branch: "sc evaluate").</summary>
    public static readonly string[] Verbs = ["train", "eval", "diagnose", "sweep", "sc evaluate"];

    /// <summary>The verb of <paramref name="args"/>: its first word, or its first two when they name a branch's verb of <see cref="Verbs"/>.</summary>
    public static string VerbOf(string[] args)
    {
        var words = args.Where(a => !a.StartsWith('-')).Take(2).ToArray();
        if (words.Length == 0) return "";
        return words.Length == 2 && Verbs.Contains($"{words[0]} {words[1]}") ? $"{words[0]} {words[1]}" : words[0];
    }

    /// <summary>The verbs in words: "vae train, vae eval, … and vae sc evaluate".</summary>
    public static string VerbList => string.Join(", ", Verbs[..^1].Select(v => $"vae {v}")) + $" and vae {Verbs[^1]}";

    /// <summary>A one-line refusal when <paramref name="args"/> give --ranks to a verb that cannot use it (null otherwise).</summary>
    public static string? Refusal(string[] args)
    {
        if (!args.Any(a => a == "--ranks" || a.StartsWith("--ranks=", StringComparison.Ordinal))) return null;
        string verb = VerbOf(args);
        if (Verbs.Contains(verb)) return null;
        return $"--ranks: `vae {verb}` does not run on several ranks; only {VerbList} do.";
    }

    /// <summary>Checks --ranks and --rank-timeout against this process (inside an mpirun or not).</summary>
    public static void Check(IRankSettings s)
    {
        if (s.Ranks is int n)
        {
            if (n < 1) throw new VaeException($"--ranks {n}: must be ≥ 1.");
            int launched = Communicator.LaunchedRanks;
            if (launched > 1 && n != launched) throw new VaeException($"--ranks {n}: this process is one of {launched} ranks started by mpirun; give --ranks {launched} or leave it out.");
        }
        if (s.RankTimeout is double t && !(t > 0 && double.IsFinite(t))) throw new VaeException($"--rank-timeout {t}: must be a number of seconds > 0.");
    }

    /// <summary>
    /// Checks that every rank evaluates the same weights (a SHA-256 of model.dat), the same number of examples and
    /// the same options; a rank that differs stops every rank with one line naming it (<see cref="RankAgreement"/>).
    /// </summary>
    public static void Agree(Communicator ranks, string modelDir, Vae.Data.Dataset data, params (string Option, object? Value)[] options)
    {
        if (!ranks.IsDistributed) return;
        using var weights = File.OpenRead(Path.Combine(modelDir, ModelFolder.ModelFile));
        var facts = new List<(string, string)>
        {
            ("model weights", Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(weights))),
            ("number of examples", data.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        facts.AddRange(options.Select(o => ($"option {o.Option}", Convert.ToString(o.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")));
        RankAgreement.Require(ranks, facts);
    }

    /// <summary>Whether this command should start mpirun rather than run (--ranks N > 1, not already a rank).</summary>
    public static bool Launches(IRankSettings s) => s.Ranks is > 1 && Communicator.LaunchedRanks == 1;

    /// <summary>This process's communicator, with --rank-timeout applied.</summary>
    public static Communicator Join(IRankSettings s)
    {
        var ranks = Communicator.World;
        if (s.RankTimeout is double timeout) ranks.Timeout = TimeSpan.FromSeconds(timeout);
        return ranks;
    }

    /// <summary>
    /// Runs <paramref name="arguments"/> (the verb and its options, --ranks among them) as <paramref name="n"/> ranks,
    /// after saying <paramref name="starting"/> on standard error; the ranks' lines pass through.
    /// </summary>
    public static MpiRunResult Start(int n, IReadOnlyList<string> arguments, CliConsole console, string starting)
    {
        var self = typeof(RankLaunch).Assembly.Location;
        var host = Environment.ProcessPath ?? "dotnet";
        var command = new List<string>();
        if (Path.GetFileNameWithoutExtension(host) == "dotnet" || Path.GetFileName(host).StartsWith("testhost", StringComparison.Ordinal))
            command.AddRange(["dotnet", self]);
        else command.Add(host);
        command.AddRange(arguments);
        if (MpiRun.FindMpirun() is null) Vae.Data.DebianPackages.Ensure("openmpi-bin", "/usr/bin/mpirun", console.Err);
        console.Err.WriteLine(starting);
        return MpiRun.Start(n, command, console.WriteLine, console.Err.WriteLine);
    }

    /// <summary>Runs an evaluation verb as <paramref name="n"/> ranks and reports a rank that died; returns mpirun's exit code.</summary>
    public static int Evaluate(IRankSettings s, IReadOnlyList<string> arguments, CliConsole console, string what)
    {
        int n = s.Ranks!.Value;
        var result = Start(n, arguments, console, $"Starting {n} ranks with mpirun (each {what}) …");
        if (result.Stopped is { } stopped && !result.RankReportedError)
            console.Err.WriteLine($"error: rank {stopped.Rank} stopped ({stopped.How}); mpirun stopped every other rank.");
        return result.ExitCode;
    }
}
