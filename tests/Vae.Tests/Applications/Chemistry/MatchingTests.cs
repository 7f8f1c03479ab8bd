using Vae.Applications.Chemistry;

namespace Vae.Tests.Applications.Chemistry;

public class MatchingTests
{
    [Fact]
    public void Finds_A_Maximum_Matching_On_Random_Graphs_As_Exhaustive_Search_Does()
    {
        var rng = new Random(7);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = rng.Next(1, 11);
            double p = rng.NextDouble() * 0.6;
            var edges = new List<(int, int)>();
            for (int a = 0; a < n; a++)
                for (int b = a + 1; b < n; b++)
                    if (rng.NextDouble() < p) edges.Add((a, b));
            var adjacency = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
            foreach (var (a, b) in edges) { adjacency[a].Add(b); adjacency[b].Add(a); }

            var match = Matching.Maximum(adjacency);
            for (int v = 0; v < n; v++)
                if (match[v] >= 0)
                {
                    Assert.Equal(v, match[match[v]]);
                    Assert.Contains(match[v], adjacency[v]);
                }
            Assert.Equal(BruteForce(edges, 0, new bool[n]), match.Count(m => m >= 0) / 2);
        }
    }

    [Fact]
    public void Handles_Odd_Cycles_Where_A_Greedy_Pairing_Gets_Stuck()
    {
        // a 5-ring with a pendant on every ring atom except one: greedy pairing from vertex 0 blocks the perfect matching
        var edges = new[] { (0, 1), (1, 2), (2, 3), (3, 4), (4, 0), (1, 5), (2, 6), (3, 7), (4, 8) };
        var adjacency = Enumerable.Range(0, 9).Select(_ => new List<int>()).ToArray();
        foreach (var (a, b) in edges) { adjacency[a].Add(b); adjacency[b].Add(a); }
        var match = Matching.Maximum(adjacency);
        Assert.Equal(8, match.Count(m => m >= 0));
    }

    static int BruteForce(List<(int A, int B)> edges, int from, bool[] used)
    {
        int best = 0;
        for (int i = from; i < edges.Count; i++)
        {
            var (a, b) = edges[i];
            if (used[a] || used[b]) continue;
            used[a] = used[b] = true;
            best = Math.Max(best, 1 + BruteForce(edges, i + 1, used));
            used[a] = used[b] = false;
        }
        return best;
    }
}
