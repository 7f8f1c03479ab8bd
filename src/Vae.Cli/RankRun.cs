using Vae.Distributed;
using Vae.Training;

namespace Vae.Cli;

/// <summary>
/// The command line as one rank of an mpirun (Open MPI sets OMPI_COMM_WORLD_SIZE). MPI is initialized
/// first; only the verbs of <see cref="RankLaunch.Verbs"/> run on several ranks. An error every rank meets alike (ranks that differ, a
/// diverged run, options that cannot run data-parallel) is printed by rank 0 alone and every rank exits;
/// any other error is printed by the rank that met it, which then stops every rank (MPI_Abort), so no
/// rank waits for one that has gone. Ctrl-C and SIGTERM stop the ranks at once (mpirun's handling): the
/// checkpoint of the last finished epoch is what remains.
/// </summary>
public static class RankRun
{
    public static int Run(string[] args, CliConsole console)
    {
        Communicator ranks;
        try { ranks = Communicator.World; }
        catch (VaeException e)
        {
            console.Err.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        string verb = RankLaunch.VerbOf(args);
        bool help = args.Any(a => a is "--help" or "-h" or "--version");
        if (!help && !RankLaunch.Verbs.Contains(verb))
        {
            if (ranks.IsRoot) console.Err.WriteLine($"error: `vae {verb}` does not run on several ranks; run it without mpirun (only {RankLaunch.VerbList} run under mpirun).");
            Communicator.Shutdown();
            return ExitCodes.BadInput;
        }
        var quiet = ranks.IsRoot ? console : CliConsole.Discarding();
        try
        {
            int code = Verbs.Create(quiet).Run(CliApp.Normalize(args), CancellationToken.None);
            Communicator.Shutdown();
            return code;
        }
        catch (Exception e) when (e is RankMismatchException or TrainingDivergedException or CommandAppException || e is VaeException && SameOnEveryRank(e))
        {
            if (ranks.IsRoot) console.Err.WriteLine($"error: {e.Message}");
            Communicator.Shutdown();
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            string prefix = e is RankTimeoutException ? "error: " : $"error (rank {ranks.Rank}): ";
            console.Err.WriteLine(e is VaeException or CommandAppException ? prefix + e.Message
                : $"{prefix}unexpected {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            if (args.Contains("--verbose")) console.Err.WriteLine(e);
            console.Err.Flush();
            ranks.Abort(e is VaeException or CommandAppException ? ExitCodes.BadInput : ExitCodes.Failure);
            return ExitCodes.Failure;
        }
    }

    // Errors of the options themselves are met by every rank before any rank talks to another.
    private static bool SameOnEveryRank(Exception e) => e.Message.StartsWith("--", StringComparison.Ordinal) || e.Message.StartsWith("data-parallel", StringComparison.Ordinal);
}
