namespace Vae.Applications.Disentanglement;

/// <summary>
/// A least-squares regression tree as scikit-learn grows one inside gradient boosting
/// (DecisionTreeRegressor with criterion "friedman_mse", splitter "best", min_samples_split 2):
/// features are read as 32-bit floats, a split is placed halfway between consecutive distinct
/// values (more than 1e-7 apart), the chosen split maximises the decrease of the squared error
/// n_L n_R (mean_L − mean_R)² / n, and a node is a leaf at the maximum depth, below two examples
/// (or twice the minimum per leaf), or when its targets are constant. Grown level by level over
/// features sorted once, which gives the same tree as sklearn's depth-first builder. Equally good
/// splits on different features (common in small nodes, where several features cut off the same
/// examples) go to the feature tried first; like sklearn, each node tries its features in a random
/// order, so no feature is favoured.
/// </summary>
public sealed class RegressionTree
{
    const double FeatureThreshold = 1e-7, Epsilon = 2.220446049250313e-16;

    readonly List<int> feature = [], left = [], right = [];
    readonly List<double> threshold = [];

    /// <summary>The leaf of every training example (node ids; leaves have no children).</summary>
    public int[] LeafOfExample { get; private set; } = [];

    /// <summary>Σ over the splits on each feature of the squared-error decrease, divided by the number of examples (sklearn's unnormalised feature importance).</summary>
    public double[] Importance { get; private set; } = [];

    public int NodeCount => feature.Count;

    /// <summary>Grows a tree on <paramref name="x"/> (n × dim as floats) fitting <paramref name="target"/>; <paramref name="order"/>[j] lists the examples by increasing feature j.</summary>
    public static RegressionTree Grow(float[] x, int dim, double[] target, int[][] order, int maxDepth, int minLeaf, Random random)
    {
        var tree = new RegressionTree();
        int n = target.Length;
        var nodeOf = new int[n];
        var count = new List<int> { n };
        var sum = new List<double> { target.Sum() };
        var squares = new List<double> { target.Sum(t => t * t) };
        tree.AddNode();
        var importance = new double[dim];
        var frontier = new List<int> { 0 };
        for (int depth = 0; depth < maxDepth && frontier.Count > 0; depth++)
        {
            var open = frontier.Where(nd => count[nd] >= 2 && count[nd] >= 2 * minLeaf
                && squares[nd] / count[nd] - sum[nd] / count[nd] * (sum[nd] / count[nd]) > Epsilon).ToArray();
            if (open.Length == 0) break;
            int nodes = tree.NodeCount;
            var best = new (double Gain, int Feature, double Threshold)[nodes];
            for (int i = 0; i < nodes; i++) best[i] = (double.NegativeInfinity, -1, 0);
            var rank = new int[nodes][];   // the position of each feature in the node's random trial order
            foreach (int nd in open)
            {
                var trial = Enumerable.Range(0, dim).ToArray();
                random.Shuffle(trial);
                rank[nd] = new int[dim];
                for (int p = 0; p < dim; p++) rank[nd][trial[p]] = p;
            }
            var isOpen = new bool[nodes];
            foreach (int nd in open) isOpen[nd] = true;
            var leftCount = new int[nodes];
            var leftSum = new double[nodes];
            var last = new float[nodes];
            for (int j = 0; j < dim; j++)
            {
                Array.Clear(leftCount);
                Array.Clear(leftSum);
                foreach (int i in order[j])
                {
                    int nd = nodeOf[i];
                    if (!isOpen[nd]) continue;
                    float v = x[i * dim + j];
                    int nl = leftCount[nd], nr = count[nd] - nl;
                    if (nl >= minLeaf && nr >= minLeaf && v > last[nd] + FeatureThreshold)
                    {
                        double sl = leftSum[nd], sr = sum[nd] - sl, diff = nr * sl - nl * sr;
                        double gain = diff * diff / ((double)nl * nr);   // sklearn's proxy: n times the decrease
                        if (gain > best[nd].Gain || gain == best[nd].Gain && rank[nd][j] < rank[nd][best[nd].Feature])
                        {
                            double t = last[nd] / 2.0 + v / 2.0;
                            if (t == v || double.IsInfinity(t)) t = last[nd];
                            best[nd] = (gain, j, t);
                        }
                    }
                    leftCount[nd] = nl + 1;
                    leftSum[nd] += target[i];
                    last[nd] = v;
                }
            }
            var children = new List<int>();
            var firstChild = new int[nodes];
            foreach (int nd in open)
            {
                if (best[nd].Feature < 0) continue;   // every feature constant in this node
                tree.feature[nd] = best[nd].Feature;
                tree.threshold[nd] = best[nd].Threshold;
                tree.left[nd] = firstChild[nd] = tree.AddNode();
                tree.right[nd] = tree.AddNode();
                children.Add(tree.left[nd]);
                children.Add(tree.right[nd]);
                for (int c = 0; c < 2; c++) { count.Add(0); sum.Add(0); squares.Add(0); }
            }
            for (int i = 0; i < n; i++)
            {
                int nd = nodeOf[i];
                if (nd >= nodes || tree.left[nd] < 0) continue;
                nodeOf[i] = x[i * dim + tree.feature[nd]] <= tree.threshold[nd] ? tree.left[nd] : tree.right[nd];
                count[nodeOf[i]]++;
                sum[nodeOf[i]] += target[i];
                squares[nodeOf[i]] += target[i] * target[i];
            }
            foreach (int nd in open)
            {
                if (tree.left[nd] < 0) continue;
                int l = tree.left[nd], r = tree.right[nd];
                double decrease = squares[nd] - sum[nd] * sum[nd] / count[nd]
                    - (squares[l] - sum[l] * sum[l] / count[l]) - (squares[r] - sum[r] * sum[r] / count[r]);
                importance[tree.feature[nd]] += decrease / n;
            }
            frontier = children;
        }
        tree.LeafOfExample = nodeOf;
        tree.Importance = importance;
        return tree;
    }

    /// <summary>The leaf an example (dim floats) falls into.</summary>
    public int Leaf(ReadOnlySpan<float> example)
    {
        int nd = 0;
        while (left[nd] >= 0) nd = example[feature[nd]] <= threshold[nd] ? left[nd] : right[nd];
        return nd;
    }

    int AddNode()
    {
        feature.Add(-1);
        threshold.Add(0);
        left.Add(-1);
        right.Add(-1);
        return feature.Count - 1;
    }
}
