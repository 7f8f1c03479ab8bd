namespace Vae.Nn;

/// <summary>
/// The special token ids every token vocabulary of the toolkit starts with (a SMILES vocabulary,
/// say): sequences are <c>t₁ … tₙ &lt;end&gt; &lt;pad&gt; …</c>; a decoder starts from
/// <c>&lt;start&gt;</c>, and word dropout replaces its inputs by <c>&lt;unk&gt;</c>.
/// </summary>
public static class SequenceTokens
{
    public const int Pad = 0, Start = 1, End = 2, Unknown = 3;

    /// <summary>The number of special ids; a vocabulary's own tokens come after them.</summary>
    public const int Count = 4;
}
