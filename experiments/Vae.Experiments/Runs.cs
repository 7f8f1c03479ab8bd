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
}
