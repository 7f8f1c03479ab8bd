namespace Vae.Applications.Chemistry;

/// <summary>
/// How good a set of generated SMILES is, as in the molecular-generation literature
/// (Gómez-Bombarelli et al. 2018; MOSES): validity = valid / generated; uniqueness = distinct
/// valid molecules / valid; novelty = distinct valid molecules not in the training set / distinct
/// valid molecules. "Distinct" compares canonical forms (<see cref="CanonicalSmiles"/>), so two
/// spellings of one molecule count once; ratios over an empty denominator are 0.
/// </summary>
public sealed record GenerationMetrics(int Generated, int Valid, int Unique, int Novel)
{
    public double Validity => Generated == 0 ? 0 : (double)Valid / Generated;
    public double Uniqueness => Valid == 0 ? 0 : (double)Unique / Valid;
    public double Novelty => Unique == 0 ? 0 : (double)Novel / Unique;

    public static GenerationMetrics Compute(IReadOnlyList<string> generated, IEnumerable<string> training) =>
        Compute(generated, CanonicalSet(training));

    /// <summary>As <see cref="Compute(IReadOnlyList{string}, IEnumerable{string})"/> with the training set already canonical.</summary>
    public static GenerationMetrics Compute(IReadOnlyList<string> generated, IReadOnlySet<string> trainingCanonical)
    {
        int valid = 0;
        var unique = new HashSet<string>(StringComparer.Ordinal);
        foreach (string s in generated)
        {
            if (CanonicalSmiles.Of(s) is not string canonical) continue;
            valid++;
            unique.Add(canonical);
        }
        int novel = unique.Count(c => !trainingCanonical.Contains(c));
        return new GenerationMetrics(generated.Count, valid, unique.Count, novel);
    }

    /// <summary>Canonical forms of the valid molecules of a set (invalid ones are skipped).</summary>
    public static HashSet<string> CanonicalSet(IEnumerable<string> smiles)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (string s in smiles)
            if (CanonicalSmiles.Of(s) is string c) set.Add(c);
        return set;
    }
}
