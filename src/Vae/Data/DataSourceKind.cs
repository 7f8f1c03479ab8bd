namespace Vae.Data;

/// <summary>
/// One kind of data source that <c>--data</c> can name: the schemes that name it, its entry in the
/// list of accepted sources, and how it loads. A scheme ending in ':' is a prefix followed by a path or
/// a spec (<c>mnist:&lt;dir&gt;</c>); any other scheme is a whole name (<c>fashion-mnist</c>).
/// The toolkit's own kinds are built in (<see cref="DataSources"/>); an application registers its own
/// with <see cref="DataSources.Register"/> from a module initializer, so that every entry point sees it.
/// </summary>
/// <param name="Schemes">The prefixes (or whole names) that select this kind, e.g. <c>["10x:", "counts:"]</c>.</param>
/// <param name="Help">Its entry in the list of accepted sources, e.g. <c>csv:&lt;file&gt; (one example per row)</c>.</param>
/// <param name="ListOrder">Where <see cref="Help"/> stands in that list (smaller first).</param>
/// <param name="Load">The training and test sets of the options' source, before the validation split and binarization.</param>
public sealed record DataSourceKind(
    IReadOnlyList<string> Schemes,
    string Help,
    int ListOrder,
    Func<DataOptions, (Dataset Train, Dataset Test)> Load)
{
    /// <summary>
    /// A source that makes its splits itself (to stream its training set, say): the splits, or null to load
    /// with <see cref="Load"/> and split the usual way. Null (the default) for the usual way always.
    /// </summary>
    public Func<DataOptions, DataSplits?>? LoadSplits { get; init; }

    /// <summary>True when <paramref name="source"/> is named by one of <see cref="Schemes"/>.</summary>
    public bool Handles(string source) => Schemes.Any(s => Names(s, source));

    internal static bool Names(string scheme, string source) =>
        scheme.EndsWith(':') ? source.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) : source.Equals(scheme, StringComparison.OrdinalIgnoreCase);
}
