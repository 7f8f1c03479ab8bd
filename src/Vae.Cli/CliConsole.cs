using Spectre.Console;

namespace Vae.Cli;

/// <summary>
/// The two consoles a command writes to: standard output (results, JSON) and standard error (progress,
/// notes, errors). Spectre injects it into every command's constructor, so a test runs the command
/// against in-memory consoles without touching the process's <see cref="Console"/>.
/// Lines go to each console's writer as they are: never wrapped at the console width, never read as
/// markup, so a long JSON line stays one line and every byte is the command's own.
/// </summary>
public sealed class CliConsole(IAnsiConsole output, IAnsiConsole error, bool errorIsTerminal)
{
    /// <summary>Standard output; Spectre's help is rendered here too.</summary>
    public IAnsiConsole Output { get; } = output;

    /// <summary>Standard error.</summary>
    public IAnsiConsole Error { get; } = error;

    /// <summary>The writer of <see cref="Output"/>: plain text, byte for byte.</summary>
    public TextWriter Out => Output.Profile.Out.Writer;

    /// <summary>The writer of <see cref="Error"/>: plain text, byte for byte.</summary>
    public TextWriter Err => Error.Profile.Out.Writer;

    /// <summary>Whether standard error is a terminal, where progress lines are redrawn in place.</summary>
    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    public void WriteLine(string line = "") => Out.WriteLine(line);

    public void Write(string text) => Out.Write(text);

    /// <summary>
    /// Text from the user's files made safe to print in a line: control characters other than tab (an escape
    /// sequence that would drive the terminal, a carriage return, C1 controls) are shown as \uXXXX.
    /// </summary>
    public static string Printable(string text)
    {
        if (!text.Any(IsControl)) return text;
        var sb = new System.Text.StringBuilder(text.Length + 16);
        foreach (char c in text) sb.Append(IsControl(c) ? $"\\u{(int)c:X4}" : c);
        return sb.ToString();
    }

    static bool IsControl(char c) => c != '\t' && char.IsControl(c);

    /// <summary>One JSON object on one line, with the project's conventions (<see cref="Vae.IO.Json.Line"/>).</summary>
    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, Vae.IO.Json.Line));

    /// <summary>The training progress display on standard error.</summary>
    public ProgressDisplay TrainingProgress() => new(Err, ErrorIsTerminal);

    /// <summary>A one-line count of examples on standard error (shown only on a terminal and when not <paramref name="quiet"/>).</summary>
    public CountProgress Count(string what, int total, bool quiet) => new(Err, what, total, quiet || !ErrorIsTerminal);

    /// <summary>The process's standard output and standard error.</summary>
    public static CliConsole ForProcess() => new(Create(Console.Out), Create(Console.Error), !Console.IsErrorRedirected);

    /// <summary>Consoles that drop everything (the ranks of an mpirun other than rank 0).</summary>
    public static CliConsole Discarding() => InMemory(TextWriter.Null, TextWriter.Null);

    /// <summary>Consoles that write to the given writers (tests): not a terminal, no colours.</summary>
    public static CliConsole InMemory(TextWriter output, TextWriter error) => new(Create(output, plain: true), Create(error, plain: true), errorIsTerminal: false);

    static IAnsiConsole Create(TextWriter writer, bool plain = false) => AnsiConsole.Create(plain
        ? new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        }
        : new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
}
