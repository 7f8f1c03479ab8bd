namespace Vae.Applications.Chemistry;

/// <summary>
/// The molecules of a <c>smiles:</c> source as a sequence model uses them: the training and held-out
/// test molecules (valid and at most <see cref="MaxTokens"/> tokens long), the vocabulary, and how
/// many molecules of the file were left out as invalid or too long.
/// </summary>
public sealed record SmilesSplits(MoleculeSet Train, MoleculeSet Test, SmilesVocabulary Vocabulary, int MaxTokens, int Invalid, int TooLong);
