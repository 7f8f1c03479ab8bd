namespace Vae;

/// <summary>
/// An error caused by the user's input (a file, an option, a model folder) rather than by a bug.
/// The message is complete on its own: it names the file or option and says what is wrong, so
/// the command line prints it as one line without a stack trace.
/// </summary>
public class VaeException : Exception
{
    public VaeException(string message) : base(message) { }
    public VaeException(string message, Exception inner) : base(message, inner) { }
}
