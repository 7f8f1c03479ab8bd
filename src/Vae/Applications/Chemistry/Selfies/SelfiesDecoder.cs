namespace Vae.Applications.Chemistry.Selfies;

/// <summary>
/// Reads a SELFIES string into a molecule by the SELFIES grammar (Krenn et al. 2020, version 2 of the
/// reference implementation): symbols are derived left to right from a state X_i, the number of bonds
/// the previous atom has left. An atom symbol bonds to the previous atom with the order it asks for,
/// lowered to what both atoms can still make; a branch symbol starts a sub-derivation of the next Q+1
/// symbols from the same atom; a ring symbol queues a bond back to the (Q+1)-th previous atom, made
/// after all atoms are placed if both atoms still have room. So every string of valid symbols is a
/// molecule that keeps the bonding capacities (<see cref="BondingCapacity"/>); only a symbol that is no
/// SELFIES symbol, met where it must be derived, is an error.
/// </summary>
public static class SelfiesDecoder
{
    /// <summary>The molecule a SELFIES string derives (atoms in derivation order, Kekulé bonds), or <see cref="SelfiesException"/> naming the bad symbol.</summary>
    public static Molecule Decode(string selfies) => Decode(SelfiesSymbol.Split(selfies));

    /// <summary>
    /// The molecule a sequence of symbols derives; '.' separates fragments and [nop] is skipped. With
    /// <paramref name="checkedValences"/> the atoms SELFIES's constraints do not list bond no more than the SMILES checker
    /// allows (<see cref="BondingCapacity.Of(int, int, bool)"/>): how a model's output is read.
    /// </summary>
    public static Molecule Decode(IReadOnlyList<string> symbols, bool checkedValences = false)
    {
        var derivation = new Derivation(checkedValences);
        var fragment = new List<string>();
        foreach (string s in symbols.Append("."))
        {
            if (s != ".") { if (s != "[nop]") fragment.Add(s); continue; }
            derivation.Derive(new Reader(fragment), int.MaxValue, 0, -1);
            fragment.Clear();
        }
        derivation.FormRings();
        return derivation.Mol;
    }

    /// <summary>The SMILES of the molecule a SELFIES string derives (written by <see cref="SelfiesSmilesWriter"/>; "" for no atoms).</summary>
    public static string ToSmiles(string selfies) => SelfiesSmilesWriter.Write(Decode(selfies));

    /// <summary>The SMILES of the molecule a sequence of symbols derives (see <see cref="Decode(IReadOnlyList{string}, bool)"/>).</summary>
    public static string ToSmiles(IReadOnlyList<string> symbols, bool checkedValences = false) => SelfiesSmilesWriter.Write(Decode(symbols, checkedValences));

    sealed class Reader(List<string> symbols)
    {
        int next;
        public bool TryNext(out string symbol)
        {
            symbol = next < symbols.Count ? symbols[next] : "";
            return next++ < symbols.Count;
        }
    }

    sealed record PendingRing(int Left, int Right, int Order, char LeftDirection, char RightDirection);

    sealed class Derivation(bool checkedValences)
    {
        public Molecule Mol { get; } = new();
        readonly List<int> capacity = [], used = [];
        readonly List<PendingRing> rings = [];

        /// <summary>Derives at most <paramref name="limit"/> symbols from state <paramref name="state"/> (-1: derivation over), bonding to <paramref name="root"/>; returns the symbols used.</summary>
        public int Derive(Reader reader, int limit, int state, int root)
        {
            int derived = 0, previous = root;
            while (state >= 0 && derived < limit && reader.TryNext(out string text))
            {
                derived++;
                var symbol = SelfiesSymbol.TryParse(text) ?? throw new SelfiesException($"unknown SELFIES symbol '{text}'");
                int nextState = state;
                switch (symbol.Kind)
                {
                    case SelfiesSymbolKind.Branch when state > 1:
                        int branchState = Math.Min(state - 1, symbol.Order);
                        nextState = state - branchState;
                        int q = ReadIndex(reader, symbol.Length);
                        derived += symbol.Length + Derive(reader, q + 1, branchState, previous);
                        break;
                    case SelfiesSymbolKind.Ring when state > 0:
                        int order = Math.Min(symbol.Order, state);
                        nextState = state == order ? -1 : state - order;
                        int distance = ReadIndex(reader, symbol.Length) + 1;
                        derived += symbol.Length;
                        rings.Add(new(Math.Max(0, previous - distance), previous, order, symbol.Direction, symbol.RightDirection));
                        break;
                    case SelfiesSymbolKind.Epsilon:
                        nextState = state == 0 ? 0 : -1;
                        break;
                    case SelfiesSymbolKind.Atom:
                        var atom = symbol.Atom!.Clone();
                        int cap = BondingCapacity.Of(atom, checkedValences);
                        int bond = state == 0 ? 0 : Math.Min(Math.Min(symbol.Order, state), cap);
                        nextState = cap == bond ? -1 : cap - bond;
                        if (bond > 0 || state == 0)
                        {
                            int index = Add(atom, cap);
                            if (bond > 0)
                            {
                                Mol.AddBond(previous, index, (BondOrder)bond, symbol.Direction);
                                used[previous] += bond;
                                used[index] += bond;
                            }
                            previous = index;
                        }
                        break;
                }
                state = nextState;
            }
            while (derived < limit && reader.TryNext(out _)) derived++;   // the rest of a branch is skipped
            return derived;
        }

        int Add(Atom atom, int cap)
        {
            capacity.Add(cap);
            used.Add(0);
            return Mol.AddAtom(atom);
        }

        static int ReadIndex(Reader reader, int count)
        {
            var digits = new string?[count];
            for (int i = 0; i < count; i++) digits[i] = reader.TryNext(out string s) ? s : null;
            return SelfiesIndex.Read(digits);
        }

        /// <summary>Makes the queued ring bonds in order, each lowered to what both atoms have left (a ring onto an existing bond raises its order, at most to 3).</summary>
        public void FormRings()
        {
            foreach (var ring in rings)
            {
                if (ring.Left == ring.Right) continue;
                int free = Math.Min(capacity[ring.Left] - used[ring.Left], capacity[ring.Right] - used[ring.Right]);
                if (free <= 0) continue;
                int order = Math.Min(ring.Order, free);
                if (Mol.BondBetween(ring.Left, ring.Right) is { } existing)
                {
                    int raised = Math.Min((int)existing.Order + order, 3);
                    used[ring.Left] += raised - (int)existing.Order;
                    used[ring.Right] += raised - (int)existing.Order;
                    existing.Order = (BondOrder)raised;
                }
                else
                {
                    Mol.AddBond(ring.Left, ring.Right, (BondOrder)order, ring.LeftDirection != '\0' ? ring.LeftDirection : ring.RightDirection);
                    used[ring.Left] += order;
                    used[ring.Right] += order;
                }
            }
        }
    }
}
