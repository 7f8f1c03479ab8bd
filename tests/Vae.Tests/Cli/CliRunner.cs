using Vae.Cli;

namespace Vae.Tests.Cli;

/// <summary>
/// Runs the `vae` command in memory and captures what it prints: each run gets its own in-memory
/// consoles (no global <see cref="Console"/> is swapped), so runs may go on in parallel.
/// </summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        int code = CliApp.Run(args, CliConsole.InMemory(o, e));
        return new Result(code, o.ToString(), e.ToString());
    }
}
