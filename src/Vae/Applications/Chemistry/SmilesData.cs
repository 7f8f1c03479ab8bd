using Vae.Data;

namespace Vae.Applications.Chemistry;

/// <summary>
/// Turns a <c>smiles:&lt;file&gt;[:column]</c> source into data for a sequence VAE. Molecules the
/// checker rejects, and those with more than <see cref="DataOptions.MaxTokens"/> tokens, are left
/// out (never truncated); a fixed fraction of the rest (<see cref="DataOptions.TestFraction"/>,
/// chosen by <see cref="DataOptions.SplitSeed"/> as for CSV tables; for <c>smiles:all</c> by a hash of each
/// canonical SMILES) is held out as the test split.
/// The vocabulary is the one in the options (a trained model's), else built from the training split,
/// so test molecules may hold tokens it lacks (they become &lt;unk&gt; and cannot be reconstructed).
/// Each row is <c>t₁ … tₙ &lt;end&gt; &lt;pad&gt; …</c> (token ids as floats); regression targets named in
/// <see cref="DataOptions.Targets"/> are <c>tpsa</c> and <c>logp</c> (computed here) or numeric columns of the file.
/// </summary>
public static class SmilesData
{
    /// <summary>The name of the computed topological polar surface area target.</summary>
    public const string TpsaTarget = "tpsa";

    /// <summary>The target name of Wildman–Crippen logP, computed from each SMILES (<see cref="Crippen.CrippenLogP"/>).</summary>
    public const string LogPTarget = "logp";

    /// <summary>The properties the toolkit computes from a SMILES string, by target name.</summary>
    public static readonly IReadOnlyList<string> ComputedTargets = [TpsaTarget, LogPTarget];

    /// <summary>A property computed from a SMILES string (null when the string is invalid), or null when the name is not one.</summary>
    public static Func<string, double?>? Computed(string name) => name.ToLowerInvariant() switch
    {
        TpsaTarget => MoleculeProperties.TpsaOf,
        LogPTarget => MoleculeProperties.LogPOf,
        _ => null,
    };

    public static (Dataset Train, Dataset Test) Load(DataOptions options)
    {
        var splits = Read(options);
        return (ToDataset(splits.Train, splits.Vocabulary, splits.MaxTokens, options.Targets),
                ToDataset(splits.Test, splits.Vocabulary, splits.MaxTokens, options.Targets, splits.Test.Name));
    }

    public static SmilesSplits Read(DataOptions options)
    {
        var all = SmilesSource.Load(options.Source);
        var (usable, invalid, tooLong) = Usable(all, options.MaxTokens, options.Tokens);
        var (trainRows, testRows) = SmilesSource.IsAll(options.Source) ? HashSplit(usable, options.TestFraction)
            : DataSources.HoldOutRows(usable.Count, options.TestFraction, options.SplitSeed, all.Name);
        var train = usable.Subset(trainRows);
        var test = usable.Subset(testRows, all.Name + " (test)");
        var vocabulary = options.Vocabulary is { } tokens ? FromOptions(tokens, options.Tokens) : SmilesVocabulary.Build(train.Smiles, options.Tokens);
        return new SmilesSplits(train, test, vocabulary, options.MaxTokens, invalid, tooLong);
    }

    /// <summary>The split of <c>smiles:all</c>: a molecule is held out by the hash of its canonical SMILES, whatever the seed.</summary>
    static (int[] Train, int[] Test) HashSplit(MoleculeSet set, double fraction)
    {
        var test = Enumerable.Range(0, set.Count).Where(i => Collection.RdkitMolecules.IsHeldOut(set.Smiles[i], fraction)).ToArray();
        return (Enumerable.Range(0, set.Count).Except(test).ToArray(), test);
    }

    /// <summary>
    /// The molecules that are valid and have at most <paramref name="maxTokens"/> tokens (in <paramref name="language"/>:
    /// SELFIES symbols for SELFIES, a molecule SELFIES cannot write counting as invalid), with the counts of the others.
    /// </summary>
    public static (MoleculeSet Kept, int Invalid, int TooLong) Usable(MoleculeSet set, int maxTokens, TokenLanguage language = TokenLanguage.Smiles)
    {
        if (language == TokenLanguage.Selfies) return UsableSelfies(set, maxTokens);
        var kept = new List<int>();
        int invalid = 0, tooLong = 0;
        for (int i = 0; i < set.Count; i++)
        {
            if (SmilesTokenizer.Tokenize(set.Smiles[i]).Count > maxTokens) tooLong++;
            else if (!SmilesChecker.IsValid(set.Smiles[i])) invalid++;
            else kept.Add(i);
        }
        return (kept.Count == set.Count ? set : set.Subset(kept), invalid, tooLong);
    }

    static (MoleculeSet Kept, int Invalid, int TooLong) UsableSelfies(MoleculeSet set, int maxTokens)
    {
        var kept = new List<int>();
        int invalid = 0, tooLong = 0;
        for (int i = 0; i < set.Count; i++)
        {
            int length;
            try { length = Selfies.SelfiesEncoder.EncodeSymbols(set.Smiles[i]).Count; }
            catch (Selfies.SelfiesException) { invalid++; continue; }
            if (length > maxTokens) tooLong++;
            else kept.Add(i);
        }
        return (kept.Count == set.Count ? set : set.Subset(kept), invalid, tooLong);
    }

    /// <summary>Molecules (each at most <paramref name="maxTokens"/> tokens) as token rows, with their targets.</summary>
    public static Dataset ToDataset(MoleculeSet set, SmilesVocabulary vocabulary, int maxTokens, IReadOnlyList<string>? targets = null, string? name = null)
    {
        var encoded = EncodedMolecules.Encode(vocabulary, set.Smiles, maxTokens);
        if (encoded.Dropped.Length > 0)
            throw new VaeException($"{set.Name}: {encoded.Dropped.Length} molecules have more than {maxTokens} tokens (the first: {set.Smiles[encoded.Dropped[0]]}).");
        var data = encoded.ToDataset(name ?? set.Name, vocabulary);
        return targets is { Count: > 0 } ? data.WithTargets(Targets(set, targets), targets) : data;
    }

    /// <summary>Target values (row-major N×P, NaN where unknown): tpsa and logp are computed, other names are numeric columns of the file.</summary>
    public static float[] Targets(MoleculeSet set, IReadOnlyList<string> names)
    {
        var columns = names.Select(n => Computed(n) is { } compute
            ? set.Smiles.Select(s => compute(s) ?? double.NaN).ToArray()
            : set.Property(n)).ToArray();
        var values = new float[set.Count * names.Count];
        for (int i = 0; i < set.Count; i++)
            for (int p = 0; p < names.Count; p++) values[i * names.Count + p] = (float)columns[p][i];
        return values;
    }

    static SmilesVocabulary FromOptions(IReadOnlyList<string> tokens, TokenLanguage language)
    {
        try { return SmilesVocabulary.FromTokens(tokens, language); }
        catch (VaeException e) { throw new VaeException($"the stored vocabulary: {e.Message}"); }
    }
}
