
namespace Vae.Cli;

/// <summary>Enum values as the command line spells them (kebab-case), parsed once at the edge.</summary>
public static class Names
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static string List<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => Of(v)));

    /// <summary>Short names accepted besides the kebab-case ones.</summary>
    static readonly Dictionary<string, object> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nb"] = Distributions.LikelihoodKind.NegativeBinomial,
        ["zinb"] = Distributions.LikelihoodKind.ZeroInflatedNegativeBinomial,
        ["beta-vae"] = Objectives.ObjectiveKind.Elbo,
    };

    public static T Parse<T>(string text, string option) where T : struct, Enum
    {
        if (Aliases.TryGetValue(text.Trim(), out var alias) && alias is T aliased) return aliased;
        foreach (var v in Enum.GetValues<T>())
            if (string.Equals(Of(v), text.Trim(), StringComparison.OrdinalIgnoreCase)) return v;
        throw new VaeException($"{option}: unknown value '{text}'; valid values: {List<T>()}.");
    }

    public static int[] ParseInts(string text, string option)
    {
        try { return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray(); }
        catch (FormatException) { throw new VaeException($"{option}: '{text}' is not a comma-separated list of integers."); }
        catch (OverflowException) { throw new VaeException($"{option}: '{text}' has a value too large."); }
    }
}
