using Vae.Nn;

namespace Vae.Applications.Chemistry.Selfies;

/// <summary>
/// The one rule a SELFIES decoder needs: a molecule has an atom. Every SELFIES string is a molecule except one that
/// places none (the empty string, or only branch, ring and [nop] symbols, which the derivation skips before the first
/// atom), so until an atom symbol is written neither &lt;end&gt; nor another special token (&lt;pad&gt;, &lt;start&gt;, &lt;unk&gt;) is allowed,
/// and at the last position only atom symbols are.
/// With it every decoded SELFIES string is a valid molecule by construction; a SELFIES model always decodes with it.
/// </summary>
public sealed class SelfiesGrammar : ITokenGrammar
{
    const int NoAtomYet = 0, HasAtom = 1;
    readonly bool[] atom;

    public SelfiesGrammar(SmilesVocabulary vocabulary)
    {
        atom = vocabulary.Tokens.Select((t, id) => id > SmilesVocabulary.UnknownId && SelfiesSymbol.TryParse(t)?.Kind == SelfiesSymbolKind.Atom).ToArray();
        if (!atom.Contains(true)) throw new VaeException("the SELFIES vocabulary has no atom symbol.");
    }

    public int Initial => NoAtomYet;

    public int Next(int state, int token) => state switch
    {
        HasAtom => HasAtom,
        NoAtomYet when token == SmilesVocabulary.EndId => -1,
        NoAtomYet => token >= 0 && token < atom.Length && atom[token] ? HasAtom : NoAtomYet,
        _ => -1,
    };

    public void Allowed(int state, int remaining, Span<bool> mask)
    {
        if (state != NoAtomYet)
        {
            mask.Fill(true);
            return;
        }
        for (int t = 0; t < mask.Length; t++)
            mask[t] = t > SmilesVocabulary.UnknownId && t < atom.Length && (atom[t] || remaining > 1);   // no <end>, <pad>, <start> or <unk> yet
    }
}
