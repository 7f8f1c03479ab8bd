using Vae.Distributed;
using Vae.Training;

namespace Vae.Cli.Commands;

/// <summary>`vae train --ranks N`: checks the options, then starts the same command line as N ranks of an mpirun and reports how it ended.</summary>
public static class DistributedTraining
{
    /// <summary>Checks --ranks and --rank-timeout against this process (inside an mpirun or not) and the run's configuration.</summary>
    public static void Check(TrainSettings s, RunConfig config)
    {
        if (s.Ranks is int n)
        {
            if (n < 1) throw new VaeException($"--ranks {n}: must be ≥ 1.");
            int launched = Communicator.LaunchedRanks;
            if (launched > 1 && n != launched) throw new VaeException($"--ranks {n}: this process is one of {launched} ranks started by mpirun; give --ranks {launched} or leave it out.");
            Trainer.CheckDistributable(config, n);
        }
        if (s.RankTimeout is double t && !(t > 0 && double.IsFinite(t))) throw new VaeException($"--rank-timeout {t}: must be a number of seconds > 0.");
        Trainer.CheckDistributable(config, Communicator.LaunchedRanks);
    }

    /// <summary>Whether this command should start mpirun rather than train (--ranks N > 1, not already a rank).</summary>
    public static bool Launches(TrainSettings s) => s.Ranks is > 1 && Communicator.LaunchedRanks == 1;

    /// <summary>Runs <paramref name="arguments"/> (the verb and its options, --ranks among them) as N ranks; returns the exit code.</summary>
    public static int Launch(TrainSettings s, RunConfig config, IReadOnlyList<string> arguments, string directory, CliConsole console)
    {
        int n = s.Ranks!.Value, batch = config.Training.BatchSize;
        var self = typeof(DistributedTraining).Assembly.Location;
        var host = Environment.ProcessPath ?? "dotnet";
        var command = new List<string>();
        if (Path.GetFileNameWithoutExtension(host) == "dotnet" || Path.GetFileName(host).StartsWith("testhost", StringComparison.Ordinal))
            command.AddRange(["dotnet", self]);
        else command.Add(host);
        command.AddRange(arguments);
        if (MpiRun.FindMpirun() is null) Vae.Data.DebianPackages.Ensure("openmpi-bin", "/usr/bin/mpirun", console.Err);
        console.Err.WriteLine($"Starting {n} ranks with mpirun (data-parallel: each computes {batch / n} of every {batch} examples) …");
        var result = MpiRun.Start(n, command, console.WriteLine, console.Err.WriteLine);
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
