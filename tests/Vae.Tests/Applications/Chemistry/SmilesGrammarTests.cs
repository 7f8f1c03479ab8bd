using Vae.Applications.Chemistry;
using Vae.Nn;

namespace Vae.Tests.Applications.Chemistry;

/// <summary>The SMILES prefix automaton and the grammar mask, against <see cref="SmilesParser"/>.</summary>
public class SmilesGrammarTests
{
    static readonly string[] HandMade =
    [
        "C", "CC", "C1CC1", "c1ccccc1", "C(C)(C)C", "CC(=O)O", "C=1CCC1", "C1CC=1", "C=1CC=1", "C=1CC#1", "C1.C1", "C.C", "C(C.C)C",
        "C11", "C1C1", "CC(C1)1", "C12CC12", "C%10CC%10", "[nH]1cccc1", "N#N", "C/C=C/C", "Cl\\C=C/Br", "C(", "C()", "C(=)", "(C)", "=C",
        "C=", "C.", ".C", "C..C", "C(C", "C)C", "CC1", "1CC", "C=(C)", "C(.C)", "C(C.)C", "C=#C", "C==C", "[C", "C]", "C$C", "C:C",
        "c1cc2ccccc2cc1", "C1CC2CC1CC2", "O=C1NC(=O)C1", "C1(CC1)C", "C(1)C", "C1(C)C1", "C(C1)C1",
    ];

    static readonly string[] Alphabet = ["C", "c", "N", "(", ")", "=", "#", ".", "1", "2", "3", "%10", "-", "/", "[nH]"];

    static IEnumerable<string> Strings(int molecules, int seed)
    {
        foreach (string s in HandMade) yield return s;
        if (!ChemistryFixtures.DefaultFilesPresent) yield break;
        var random = new Random(seed);
        var all = ChemistryFixtures.DefaultMolecules().Select(m => m.Smiles).ToList();
        foreach (string s in all.OrderBy(_ => random.Next()).Take(molecules))
        {
            yield return s;
            yield return Mutate(s, random);
            yield return Mutate(Mutate(s, random), random);
        }
    }

    // A token deleted, inserted, replaced, or two swapped: the errors a decoder makes.
    static string Mutate(string smiles, Random random)
    {
        var t = SmilesTokenizer.Tokenize(smiles);
        int i = random.Next(t.Count);
        switch (random.Next(4))
        {
            case 0: if (t.Count > 1) t.RemoveAt(i); break;
            case 1: t.Insert(i, Alphabet[random.Next(Alphabet.Length)]); break;
            case 2: t[i] = Alphabet[random.Next(Alphabet.Length)]; break;
            default: int j = random.Next(t.Count); (t[i], t[j]) = (t[j], t[i]); break;
        }
        return string.Concat(t);
    }

    static bool Parses(string s)
    {
        try { SmilesParser.Parse(s); return true; }
        catch (SmilesException) { return false; }
    }

    static SmilesGrammar GrammarFor(IEnumerable<string> smiles, out SmilesVocabulary vocabulary)
    {
        vocabulary = SmilesVocabulary.Build([.. smiles, .. Alphabet]);
        return new SmilesGrammar(vocabulary);
    }

    [Fact]
    public void Every_Prefix_Is_Accepted_By_The_Automaton_Exactly_When_The_Parser_Accepts_It()
    {
        var strings = Strings(150, 1).ToList();
        var grammar = GrammarFor(strings, out var vocabulary);
        int checkedPrefixes = 0, refused = 0;
        foreach (string s in strings)
        {
            var tokens = SmilesTokenizer.Tokenize(s);
            int state = grammar.Initial;
            for (int i = 0; i <= tokens.Count; i++)
            {
                string prefix = string.Concat(tokens.Take(i));
                Assert.True(Parses(prefix) == grammar.IsComplete(state), $"'{prefix}': parser {Parses(prefix)}, automaton {grammar.IsComplete(state)}");
                checkedPrefixes++;
                if (i == tokens.Count) break;
                state = grammar.Next(state, vocabulary.Id(tokens[i]));
                if (state < 0)
                {
                    refused++;
                    // the parser throws at this token: no continuation of the prefix parses (tried up to 3 more tokens)
                    string broken = string.Concat(tokens.Take(i + 1));
                    Assert.False(Parses(broken), $"'{broken}' was refused but parses");
                    Assert.Null(ShortestByBruteForce(broken, 3));
                    break;
                }
            }
        }
        Assert.True(checkedPrefixes > 100 && refused > 10, $"{checkedPrefixes} prefixes, {refused} refused");
    }

    [Fact]
    public void The_Shortest_Completion_Is_The_One_A_Brute_Force_Search_Over_The_Parser_Finds()
    {
        var strings = Strings(60, 2).ToList();
        var grammar = GrammarFor(strings, out var vocabulary);
        var random = new Random(3);
        int compared = 0;
        foreach (string s in strings)
        {
            var tokens = SmilesTokenizer.Tokenize(s);
            int state = grammar.Initial;
            for (int i = 0; i < tokens.Count && state >= 0; i++)
            {
                state = grammar.Next(state, vocabulary.Id(tokens[i]));
                if (state < 0 || random.Next(4) != 0) continue;
                string prefix = string.Concat(tokens.Take(i + 1));
                int shortest = grammar.ShortestCompletion(state);
                int? brute = ShortestByBruteForce(prefix, 3);
                Assert.True(shortest <= 3 ? brute == shortest : brute is null, $"'{prefix}': automaton {shortest}, brute force {brute}");
                compared++;
            }
        }
        Assert.True(compared > 50, $"{compared} prefixes compared");
    }

    // The fewest tokens that make the prefix parse, up to max (null when none do): an atom, a branch, a bond, '.', and
    // the ring labels of the prefix (a new label only adds a ring to close; another atom or bond symbol does what C, = and # do).
    static int? ShortestByBruteForce(string prefix, int max)
    {
        if (Parses(prefix)) return 0;
        var alphabet = new[] { "C", "(", ")", "=", "#", "." }.Concat(SmilesTokenizer.Tokenize(prefix).Where(t => SmilesTokenizer.IsRingLabel(t, out _)).Distinct()).ToArray();
        var layer = new List<string> { prefix };
        for (int length = 1; length <= max; length++)
        {
            layer = layer.SelectMany(p => alphabet.Select(a => p + a)).ToList();
            if (layer.Any(Parses)) return length;
        }
        return null;
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(6, false)]
    [InlineData(12, false)]
    [InlineData(67, false)]
    [InlineData(12, true)]
    [InlineData(30, true)]
    public void Random_Decoding_Under_The_Mask_Always_Writes_A_String_The_Parser_Accepts(int length, bool valence)
    {
        var vocabulary = SmilesVocabulary.Build([.. HandMade, .. Alphabet]);
        var grammar = new SmilesGrammar(vocabulary, valence);
        var random = new Random(length);
        var mask = new bool[vocabulary.Count];
        for (int draw = 0; draw < (valence ? 300 : length > 20 ? 1000 : 5000); draw++)
        {
            int state = grammar.Initial;
            var ids = new List<int>();
            for (int t = 0; t < length; t++)
            {
                grammar.Allowed(state, length - t, mask);
                var allowed = Enumerable.Range(0, mask.Length).Where(i => mask[i]).ToArray();
                Assert.NotEmpty(allowed);
                Assert.DoesNotContain(allowed, id => id is SmilesVocabulary.PadId or SmilesVocabulary.StartId or SmilesVocabulary.UnknownId);
                // the argmax of random logits over the allowed tokens; <end> less often, so long strings occur
                int id = allowed.Length > 1 && allowed.Contains(SmilesVocabulary.EndId) && random.Next(3) > 0
                    ? allowed.Where(a => a != SmilesVocabulary.EndId).ElementAt(random.Next(allowed.Length - 1))
                    : allowed[random.Next(allowed.Length)];
                if (id == SmilesVocabulary.EndId) break;
                ids.Add(id);
                state = grammar.Next(state, id);
                Assert.True(state >= 0);
            }
            string smiles = vocabulary.Decode(ids);
            Assert.True(Parses(smiles), $"'{smiles}' (length {length}) does not parse");
            if (valence) Assert.True(WithinValence(smiles), $"'{smiles}' breaks the valence rule");
        }
    }

    // The valence rule recomputed from the parsed molecule: the bond orders of each atom outside brackets (aromatic 1).
    static bool WithinValence(string smiles)
    {
        var mol = SmilesParser.Parse(smiles);
        var tokens = SmilesTokenizer.Tokenize(smiles).Where(t => SmilesPrefix.Classify(t).Kind == SmilesTokenKind.Atom).ToList();
        for (int i = 0; i < mol.Atoms.Count; i++)
        {
            int max = SmilesPrefix.MaxValence(tokens[i]);
            int used = mol.Bonds.Where(b => b.A == i || b.B == i).Sum(b => b.Order switch { BondOrder.Double => 2, BondOrder.Triple => 3, BondOrder.Quadruple => 4, _ => 1 });
            if (max >= 0 && used > max) return false;
        }
        return true;
    }

    [TheoryWithRdkitData]
    [InlineData(false)]
    [InlineData(true)]
    public void The_Mask_Never_Forbids_The_Next_Token_Of_A_Valid_Molecule_Of_The_Default_Files(bool valence)
    {
        var molecules = ChemistryFixtures.DefaultMolecules().Select(m => m.Smiles).Where(s => valence ? SmilesChecker.IsValid(s) : Parses(s)).ToList();
        var vocabulary = SmilesVocabulary.Build(molecules);
        var grammar = new SmilesGrammar(vocabulary, valence);
        var mask = new bool[vocabulary.Count];
        foreach (string smiles in molecules)
        {
            var ids = vocabulary.Encode(smiles);
            int state = grammar.Initial;
            for (int t = 0; t < ids.Length; t++)
            {
                grammar.Allowed(state, ids.Length - t, mask);    // exactly the positions the molecule still needs
                Assert.True(mask[ids[t]], $"{smiles}: token {t} '{vocabulary.Tokens[ids[t]]}' forbidden");
                state = grammar.Next(state, ids[t]);
            }
            grammar.Allowed(state, 1, mask);
            Assert.True(mask[SmilesVocabulary.EndId], $"{smiles}: <end> forbidden at the end");
        }
        Assert.True(molecules.Count > 15000);
    }
}
