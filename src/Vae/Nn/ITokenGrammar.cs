namespace Vae.Nn;

/// <summary>
/// A constraint on the token sequences a sequence decoder may write (a SMILES prefix automaton, say): states
/// are small integers, <see cref="Initial"/> the state after &lt;start&gt;. At each step the decoder asks which
/// tokens are allowed (<see cref="Allowed"/>) and sets the logits of the others to −∞, then moves every
/// sequence on with the token it chose (<see cref="Next"/>). The decoder knows nothing of the language.
/// </summary>
public interface ITokenGrammar
{
    /// <summary>The state before the first token.</summary>
    int Initial { get; }

    /// <summary>The state after <paramref name="token"/>, or −1 when the token is not allowed there (−1 stays −1).</summary>
    int Next(int state, int token);

    /// <summary>
    /// Writes into <paramref name="mask"/> (one entry per token id) which tokens may come next in
    /// <paramref name="state"/> when <paramref name="remaining"/> positions are left, this one included.
    /// Every entry is true for the state −1 (a sequence that already broke the grammar, or one that is padding).
    /// </summary>
    void Allowed(int state, int remaining, Span<bool> mask);
}
