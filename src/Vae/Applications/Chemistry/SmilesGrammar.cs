using Vae.Nn;

namespace Vae.Applications.Chemistry;

/// <summary>
/// SMILES syntax as a token grammar for a decoder (<see cref="ITokenGrammar"/>): the states are the distinct
/// <see cref="SmilesPrefix"/>es met so far (numbered as they are met), a token is allowed when the parser
/// accepts it after the prefix and the prefix can still be completed into a string the parser accepts within
/// the positions left (every open branch and ring closed, no bond, '.' or '(' left dangling), and &lt;end&gt;
/// only when the prefix is already complete. The shortest completion is found by a breadth-first search over
/// the states with the moves that can shorten it (an atom, ')' and closing an open ring: a bond, '(' , '.' or a
/// new ring never does), and cached. Special tokens other than &lt;end&gt; are never allowed. An instance
/// caches as it goes and is not thread-safe: make one per decoding.
/// </summary>
public sealed class SmilesGrammar : ITokenGrammar
{
    const int Unreachable = int.MaxValue / 2;
    readonly (SmilesTokenKind Kind, BondOrder Order, int Label)[] tokens;
    readonly int[] maxValences;                               // per token: the valence rule's limit for an atom, −1 = none
    readonly int atomToken;                                   // one atom token, the one the shortest completion uses
    readonly int closeToken;                                  // ')'
    /// <summary>States a shortest-completion search may visit before it settles for the greedy completion's length.</summary>
    public const int SearchLimit = 4000;
    readonly Dictionary<string, int> ids = [];
    readonly List<SmilesPrefix> states = [];
    readonly List<int[]?> transitions = [];                   // per state and token: next state, −1 = refused, −2 = not yet computed
    readonly List<int> shortest = [];                         // per state: tokens to the nearest complete prefix, −1 = not yet computed
    readonly List<int[]?> needs = [];                         // per state and token: positions the token and the shortest completion after it take
    readonly Dictionary<int, int> ringTokens = [];            // ring label -> token id

    /// <param name="valence">also refuse a bond, ring closure or branch that would give an atom outside brackets more
    /// bond orders than its element allows (<see cref="SmilesPrefix.MaxValence"/>).</param>
    public SmilesGrammar(SmilesVocabulary vocabulary, bool valence = false)
    {
        maxValences = vocabulary.Tokens.Select((t, id) => valence && id >= SequenceTokens.Count && SmilesPrefix.Classify(t).Kind == SmilesTokenKind.Atom ? SmilesPrefix.MaxValence(t) : -1).ToArray();
        tokens = vocabulary.Tokens.Select((t, id) => id < SequenceTokens.Count ? (SmilesTokenKind.Invalid, default(BondOrder), 0) : SmilesPrefix.Classify(t)).ToArray();
        // the completion's atom: the one with the most room (C), so that the shortest completion is not made longer by valence
        atomToken = Enumerable.Range(0, tokens.Length).Where(i => tokens[i].Kind == SmilesTokenKind.Atom)
            .OrderByDescending(i => maxValences[i] < 0 ? int.MaxValue : maxValences[i]).ThenBy(i => i).DefaultIfEmpty(-1).First();
        closeToken = Array.FindIndex(tokens, t => t.Kind == SmilesTokenKind.Close);
        for (int id = 0; id < tokens.Length; id++)
            if (tokens[id].Kind == SmilesTokenKind.Ring) ringTokens.TryAdd(tokens[id].Label, id);
        Initial = Intern(new SmilesPrefix());
    }

    public int Initial { get; }

    /// <summary>The number of distinct prefix states met so far.</summary>
    public int StateCount => states.Count;

    public int Next(int state, int token)
    {
        if (state < 0 || token < 0 || token >= tokens.Length) return -1;
        var row = transitions[state] ??= Enumerable.Repeat(-2, tokens.Length).ToArray();
        if (row[token] == -2)
        {
            var next = states[state].Clone();
            var (kind, order, label) = tokens[token];
            row[token] = next.Step(kind, order, label, maxValences[token]) ? Intern(next) : -1;
        }
        return row[token];
    }

    public void Allowed(int state, int remaining, Span<bool> mask)
    {
        if (state < 0) { mask.Fill(true); return; }
        var need = needs[state] ??= Needs(state);
        // A state reached within the remaining length always has a token that fits; should a capped search have
        // overestimated, the tokens with the shortest completion are allowed rather than none.
        int least = need.Min();
        int limit = least > remaining && least < Unreachable ? least : remaining;
        for (int id = 0; id < need.Length; id++) mask[id] = need[id] <= limit;
    }

    /// <summary>Whether the prefix of this state is a whole SMILES string (&lt;end&gt; allowed).</summary>
    public bool IsComplete(int state) => state >= 0 && states[state].IsComplete;

    /// <summary>
    /// The fewest tokens that complete the prefix of this state (<see cref="int.MaxValue"/>/2 when none can); when the
    /// search would visit more than <see cref="SearchLimit"/> states (many rings open at once), the greedy completion's length.
    /// </summary>
    public int ShortestCompletion(int state)
    {
        if (shortest[state] >= 0) return shortest[state];
        // Breadth-first over the moves that can shorten a completion.
        var distance = new Dictionary<int, int> { [state] = 0 };
        var queue = new Queue<int>([state]);
        int found = Unreachable;
        while (queue.Count > 0)
        {
            if (distance.Count > SearchLimit) { found = Math.Min(found, GreedyCompletion(state)); break; }
            int s = queue.Dequeue();
            int d = distance[s];
            if (d >= found) break;
            if (states[s].IsComplete) { found = d; break; }
            if (shortest[s] >= 0) { found = Math.Min(found, d + shortest[s]); continue; }
            if (d + 1 >= found) continue;
            foreach (int token in Moves(s))
            {
                int n = Next(s, token);
                if (n >= 0 && distance.TryAdd(n, d + 1)) queue.Enqueue(n);
            }
        }
        shortest[state] = found;
        return found;
    }

    /// <summary>
    /// The length of a completion found without search (close a ring at the current atom when one can be closed, else
    /// close a branch, else add an atom): never shorter than the shortest, and always a completion, so the mask built on
    /// it may forbid more than it must but never lets a prefix through that cannot be completed in time.
    /// </summary>
    int GreedyCompletion(int state)
    {
        int s = state, length = 0;
        while (!states[s].IsComplete && length < Unreachable)
        {
            int next = -1;
            foreach (int label in states[s].OpenRingLabels)
                if (ringTokens.TryGetValue(label, out int id) && (next = Next(s, id)) >= 0) break;
            if (next < 0 && states[s].OpenBranches > 0) next = Next(s, closeToken);
            if (next < 0) next = Next(s, atomToken);
            if (next < 0) return Unreachable;
            (s, length) = (next, length + 1);
        }
        return length;
    }

    IEnumerable<int> Moves(int state)
    {
        if (atomToken >= 0) yield return atomToken;
        var prefix = states[state];
        if (prefix.OpenBranches > 0 && closeToken >= 0) yield return closeToken;
        foreach (int label in prefix.OpenRingLabels)
            if (ringTokens.TryGetValue(label, out int id)) yield return id;
    }

    int[] Needs(int state)
    {
        var need = new int[tokens.Length];
        for (int id = 0; id < tokens.Length; id++)
        {
            if (id == SequenceTokens.End) { need[id] = states[state].IsComplete ? 1 : Unreachable; continue; }
            int next = Next(state, id);
            need[id] = next < 0 ? Unreachable : 1 + ShortestCompletion(next);
        }
        return need;
    }

    int Intern(SmilesPrefix prefix)
    {
        string key = prefix.Key;
        if (ids.TryGetValue(key, out int id)) return id;
        id = states.Count;
        ids[key] = id;
        states.Add(prefix);
        transitions.Add(null);
        shortest.Add(-1);
        needs.Add(null);
        return id;
    }
}
