namespace Vae.Experiments;

/// <summary>
/// An experiment started under mpirun (`mpirun -np N experiments/run zoo …`): rank r runs shard r/N of the experiment's
/// independent runs, as `--shard r/N` would, and rank 0 writes the page once every rank has finished. The ranks do not
/// talk to each other: each writes a marker file when its shard is done (runs/.ranks/JOB-EXPERIMENT-r.done; mpirun stops
/// the job when a rank fails), and the `vae` commands the experiment runs in-process are kept from joining the MPI job
/// (they would otherwise train data-parallel over all the ranks), by clearing the variables mpirun sets for them.
/// </summary>
public sealed class ExperimentRanks
{
    public int Rank { get; }
    public int Size { get; }
    readonly string job;

    ExperimentRanks(int rank, int size, string job) { Rank = rank; Size = size; this.job = job; }

    /// <summary>The rank and size mpirun gave this process (null outside mpirun or with one rank); clears them from the environment.</summary>
    public static ExperimentRanks? FromEnvironment()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE"), out int size) || size < 2) return null;
        int rank = int.Parse(Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_RANK") ?? "0");
        string job = Environment.GetEnvironmentVariable("PMIX_NAMESPACE") ?? Environment.GetEnvironmentVariable("OMPI_MCA_ess_base_jobid") ?? "job";
        foreach (string name in new[] { "OMPI_COMM_WORLD_SIZE", "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_LOCAL_RANK", "OMPI_COMM_WORLD_LOCAL_SIZE" })
            Environment.SetEnvironmentVariable(name, null);
        return new ExperimentRanks(rank, size, new string(job.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()));
    }

    string Marker(string experiment, int rank) => Path.Combine("runs", ".ranks", $"{job}-{experiment}-{rank}.done");

    /// <summary>Says this rank's shard is done.</summary>
    public void MarkDone(string experiment)
    {
        string path = Marker(experiment, Rank);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, DateTime.UtcNow.ToString("O"));
    }

    /// <summary>Waits until every rank has said its shard is done (rank 0 then writes the page), and removes the markers.</summary>
    public void WaitForAll(string experiment)
    {
        var last = DateTime.MinValue;
        while (Enumerable.Range(0, Size).Count(r => File.Exists(Marker(experiment, r))) is var done && done < Size)
        {
            if (DateTime.UtcNow - last > TimeSpan.FromMinutes(1))
            {
                Console.Error.WriteLine($"rank 0: {done} of {Size} ranks have finished their runs; waiting for the rest before writing the page.");
                last = DateTime.UtcNow;
            }
            Thread.Sleep(2000);
        }
        for (int r = 0; r < Size; r++) File.Delete(Marker(experiment, r));
    }
}
