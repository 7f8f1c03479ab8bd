using System.Text.Json;
using Vae.Cli;

namespace Vae.Experiments;

/// <summary>
/// Runs `vae` commands in this process, so that every number an experiment reports comes from a
/// command a user can type (shown beside the number as `./vae ...`).
/// </summary>
public static class Cli
{
    /// <summary>Runs a command; its standard output is returned, its progress goes to the console.</summary>
    public static string Run(params string[] args)
    {
        Console.Error.WriteLine("$ " + Command(args));
        var old = Console.Out;
        var capture = new StringWriter();
        Console.SetOut(capture);
        int code;
        try { code = CliApp.Run(args); }
        finally { Console.SetOut(old); }
        if (code != 0) throw new InvalidOperationException($"`{Command(args)}` failed with exit code {code}:\n{capture}");
        return capture.ToString();
    }

    public static JsonElement Json(params string[] args) => JsonDocument.Parse(Run(args)).RootElement.Clone();

    public static string Command(IEnumerable<string> args) => "./vae " + string.Join(" ", args.Select(a => a.Contains(' ') ? $"'{a}'" : a));
}
