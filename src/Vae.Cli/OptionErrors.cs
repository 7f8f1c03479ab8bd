namespace Vae.Cli;

/// <summary>Turns an options record's validation error into a one-line message naming the command-line option.</summary>
public static class OptionErrors
{
    /// <summary>Runs <paramref name="build"/>; an ArgumentOutOfRangeException becomes a VaeException naming the option (from <paramref name="names"/>: property name → option).</summary>
    public static T Guard<T>(Func<T> build, IReadOnlyDictionary<string, string> names)
    {
        try { return build(); }
        catch (ArgumentOutOfRangeException e) { throw new VaeException(Message(e, names)); }
    }

    public static string Message(ArgumentOutOfRangeException e, IReadOnlyDictionary<string, string> names)
    {
        string option = e.ParamName is not null && names.TryGetValue(e.ParamName, out var o) ? o : e.ParamName ?? "option";
        string reason = e.Message.Split('\n')[0];
        int colon = reason.IndexOf(": ", StringComparison.Ordinal);
        if (colon >= 0) reason = reason[(colon + 2)..];
        int paren = reason.IndexOf(" (Parameter", StringComparison.Ordinal);
        if (paren >= 0) reason = reason[..paren];
        return $"{option} {e.ActualValue}: {reason.TrimEnd('.')}.";
    }
}
