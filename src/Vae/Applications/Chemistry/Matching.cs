namespace Vae.Applications.Chemistry;

/// <summary>
/// Maximum matching in a general graph (Edmonds' blossom algorithm, O(V³)). Kekulization is a
/// matching problem: every aromatic atom that needs a double bond must be paired with a neighbour,
/// and odd rings (azulene, pyrrole) make the graph non-bipartite.
/// </summary>
public static class Matching
{
    /// <summary>Partner of every vertex in a maximum matching, −1 when unmatched.</summary>
    public static int[] Maximum(List<int>[] adjacency)
    {
        int n = adjacency.Length;
        var match = Enumerable.Repeat(-1, n).ToArray();
        // greedy start, then augment from every exposed vertex
        for (int v = 0; v < n; v++)
            if (match[v] < 0)
                foreach (int u in adjacency[v])
                    if (match[u] < 0) { match[v] = u; match[u] = v; break; }
        for (int v = 0; v < n; v++)
            if (match[v] < 0) Augment(adjacency, match, v);
        return match;
    }

    static void Augment(List<int>[] adj, int[] match, int root)
    {
        int n = adj.Length;
        var parent = Enumerable.Repeat(-1, n).ToArray();
        var baseOf = Enumerable.Range(0, n).ToArray();
        var used = new bool[n];
        var queue = new Queue<int>();
        used[root] = true;
        queue.Enqueue(root);
        while (queue.Count > 0)
        {
            int v = queue.Dequeue();
            foreach (int to in adj[v])
            {
                if (baseOf[v] == baseOf[to] || match[v] == to) continue;
                if (to == root || (match[to] >= 0 && parent[match[to]] >= 0))
                {
                    int cur = LowestCommonAncestor(match, baseOf, parent, v, to);
                    var blossom = new bool[n];
                    MarkPath(match, baseOf, parent, blossom, v, cur, to);
                    MarkPath(match, baseOf, parent, blossom, to, cur, v);
                    for (int i = 0; i < n; i++)
                    {
                        if (!blossom[baseOf[i]]) continue;
                        baseOf[i] = cur;
                        if (!used[i]) { used[i] = true; queue.Enqueue(i); }
                    }
                }
                else if (parent[to] < 0)
                {
                    parent[to] = v;
                    if (match[to] < 0)
                    {
                        for (int u = to; u >= 0;)
                        {
                            int pv = parent[u], ppv = match[pv];
                            match[u] = pv;
                            match[pv] = u;
                            u = ppv;
                        }
                        return;
                    }
                    used[match[to]] = true;
                    queue.Enqueue(match[to]);
                }
            }
        }
    }

    static int LowestCommonAncestor(int[] match, int[] baseOf, int[] parent, int a, int b)
    {
        var seen = new bool[match.Length];
        while (true)
        {
            a = baseOf[a];
            seen[a] = true;
            if (match[a] < 0) break;
            a = parent[match[a]];
        }
        while (true)
        {
            b = baseOf[b];
            if (seen[b]) return b;
            b = parent[match[b]];
        }
    }

    static void MarkPath(int[] match, int[] baseOf, int[] parent, bool[] blossom, int v, int b, int child)
    {
        while (baseOf[v] != b)
        {
            blossom[baseOf[v]] = blossom[baseOf[match[v]]] = true;
            parent[v] = child;
            child = match[v];
            v = parent[match[v]];
        }
    }
}
