using Vae.Distributed;
using Vae.Training;

namespace Vae.Cli.Commands;

/// <summary>`vae train --ranks N`: checks the options, then starts the same command line as N ranks of an mpirun and reports how it ended.</summary>
public static class DistributedTraining
{
    /// <summary>Checks --ranks and --rank-timeout against this process (inside an mpirun or not) and the run's configuration.</summary>
    public static void Check(TrainSettings s, RunConfig config)
    {
        RankLaunch.Check(s);
        if (s.Ranks is int n) Trainer.CheckDistributable(config, n);
        Trainer.CheckDistributable(config, Communicator.LaunchedRanks);
    }

    /// <summary>Whether this command should start mpirun rather than train (--ranks N > 1, not already a rank).</summary>
    public static bool Launches(TrainSettings s) => RankLaunch.Launches(s);

    /// <summary>Runs <paramref name="arguments"/> (the verb and its options, --ranks among them) as N ranks; returns the exit code.</summary>
    public static int Launch(TrainSettings s, RunConfig config, IReadOnlyList<string> arguments, string directory, CliConsole console)
    {
        int n = s.Ranks!.Value, batch = config.Training.BatchSize;
        var result = RankLaunch.Start(n, arguments, console, $"Starting {n} ranks with mpirun (data-parallel: each computes {batch / n} of every {batch} examples) …");
        if (result.Stopped is { } stopped && !result.RankReportedError)
            console.Err.WriteLine($"error: rank {stopped.Rank} stopped ({stopped.How}); mpirun stopped every other rank. {CheckpointNote(directory, n)}");
        return result.ExitCode;
    }

    /// <summary>What is left in the model folder after a failed run, and how to continue.</summary>
    public static string CheckpointNote(string directory, int ranks)
    {
        string state = Path.Combine(directory, ModelFolder.StateFile);
        if (!File.Exists(state)) return $"No checkpoint had been written to {directory} yet.";
        int epoch;
        try { epoch = ModelFolder.ReadState(directory).Epoch; }
        catch (VaeException) { return $"The checkpoint in {directory} could not be read."; }
        return $"The last checkpoint in {directory} (epoch {epoch}) is intact; continue with: vae train --resume {directory} --ranks {ranks}";
    }
}
