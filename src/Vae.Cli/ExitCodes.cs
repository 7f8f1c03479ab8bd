namespace Vae.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>An unexpected failure (a bug): the message says how to get details.</summary>
    public const int Failure = 1;
    /// <summary>Bad input: a file, an option or a model folder; the message says what.</summary>
    public const int BadInput = 2;
    /// <summary>Interrupted by Ctrl-C after writing a checkpoint.</summary>
    public const int Interrupted = 130;
}
