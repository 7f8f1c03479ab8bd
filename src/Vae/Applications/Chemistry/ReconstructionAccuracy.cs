namespace Vae.Applications.Chemistry;

/// <summary>
/// How often decoding an encoded molecule gives it back: <see cref="ExactMatch"/> compares the
/// strings character for character (the paper's measure: the model must reproduce the spelling
/// it was trained on); <see cref="SameMolecule"/> compares canonical forms, so a different
/// spelling of the same molecule also counts. <see cref="TokenAccuracy"/> is the partial credit:
/// the fraction of the inputs' tokens that the decoding has at the same position. For a SELFIES model
/// (the language given to <see cref="Compute"/>) tokens are the SELFIES symbols of both strings
/// (the decoded SMILES is written in derivation order, so its SELFIES are the symbols decoded when they
/// are a well-formed SELFIES), and an exact match is the same symbol sequence.
/// </summary>
public sealed record ReconstructionAccuracy(int Count, int Exact, int Same, int Tokens, int TokensMatched)
{
    public double ExactMatch => Count == 0 ? 0 : (double)Exact / Count;
    public double SameMolecule => Count == 0 ? 0 : (double)Same / Count;
    public double TokenAccuracy => Tokens == 0 ? 0 : (double)TokensMatched / Tokens;

    public static ReconstructionAccuracy Compute(IReadOnlyList<string> inputs, IReadOnlyList<string> decoded, Vae.Data.TokenLanguage language = Vae.Data.TokenLanguage.Smiles)
    {
        if (language == Vae.Data.TokenLanguage.Selfies) return ComputeSelfies(inputs, decoded);
        if (inputs.Count != decoded.Count)
            throw new ArgumentException($"{inputs.Count} inputs but {decoded.Count} decoded strings.");
        int exact = 0, same = 0, tokens = 0, matched = 0;
        for (int i = 0; i < inputs.Count; i++)
        {
            var a = SmilesTokenizer.Tokenize(inputs[i]);
            var b = SmilesTokenizer.Tokenize(decoded[i]);
            tokens += a.Count;
            for (int t = 0; t < Math.Min(a.Count, b.Count); t++) if (a[t] == b[t]) matched++;
            if (string.Equals(inputs[i], decoded[i], StringComparison.Ordinal)) { exact++; same++; continue; }
            if (CanonicalSmiles.Of(decoded[i]) is string d && d == CanonicalSmiles.Of(inputs[i])) same++;
        }
        return new ReconstructionAccuracy(inputs.Count, exact, same, tokens, matched);
    }

    static ReconstructionAccuracy ComputeSelfies(IReadOnlyList<string> inputs, IReadOnlyList<string> decoded)
    {
        if (inputs.Count != decoded.Count)
            throw new ArgumentException($"{inputs.Count} inputs but {decoded.Count} decoded strings.");
        int exact = 0, same = 0, tokens = 0, matched = 0;
        for (int i = 0; i < inputs.Count; i++)
        {
            var a = Selfies.SelfiesEncoder.EncodeSymbols(inputs[i]);
            List<string> b;
            try { b = Selfies.SelfiesEncoder.EncodeSymbols(decoded[i]); }
            catch (Selfies.SelfiesException) { b = []; }
            tokens += a.Count;
            for (int t = 0; t < Math.Min(a.Count, b.Count); t++) if (a[t] == b[t]) matched++;
            if (a.SequenceEqual(b)) exact++;
            if (CanonicalSmiles.Of(decoded[i]) is string d && d == CanonicalSmiles.Of(inputs[i])) same++;
        }
        return new ReconstructionAccuracy(inputs.Count, exact, same, tokens, matched);
    }
}
