using System.Text.Json;

namespace Vae.Experiments;

/// <summary>Model folders an experiment trains once and reuses.</summary>
public static class Runs
{
    public static bool Finished(string dir)
    {
        string state = Path.Combine(dir, "state.json");
        return File.Exists(state) && JsonDocument.Parse(File.ReadAllText(state)).RootElement.GetProperty("finished").GetBoolean();
    }

    /// <summary>Trains with `./vae train --out dir --overwrite args` unless a finished model is already there; returns the command.</summary>
    public static string[] Train(string dir, params string[] args)
    {
        string[] command = ["train", "--out", dir, "--overwrite", .. args];
        if (!Finished(dir)) Cli.Run(command);
        return command;
    }

    /// <summary>
    /// Like <see cref="Train"/>, but a run stopped part-way (a checkpoint and state.json, not finished) is continued with
    /// `./vae train --resume dir --epochs E` (E from args) instead of started again, so a long experiment survives being stopped.
    /// </summary>
    public static void TrainOrResume(string dir, params string[] args)
    {
        if (Finished(dir)) return;
        int e = Array.IndexOf(args, "--epochs");
        bool started = File.Exists(Path.Combine(dir, "state.json")) && File.Exists(Path.Combine(dir, "config.json")) && File.Exists(Path.Combine(dir, "optimizer.dat"));
        if (started) Cli.Run(["train", "--resume", dir, .. e >= 0 ? new[] { "--epochs", args[e + 1] } : []]);
        else Cli.Run(["train", "--out", dir, "--overwrite", .. args]);
    }
}
