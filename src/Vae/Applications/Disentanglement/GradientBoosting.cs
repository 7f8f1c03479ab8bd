namespace Vae.Applications.Disentanglement;

/// <summary>
/// scikit-learn's GradientBoostingClassifier() (version 1.2, the classifier disentanglement_lib's DCI
/// uses) with its defaults: 100 stages, learning rate 0.1, regression trees of depth 3
/// (<see cref="RegressionTree"/>), one example per leaf at least, no subsampling. Raw scores start at
/// the log prior of each class (binary: the log odds); at each stage every class k gets a tree
/// fitted to the residuals y_k − p_k (one tree for two classes), whose leaves are set by one Newton
/// step, Σ r / Σ p(1 − p) (times (K − 1)/K for K > 2 classes), and added times the learning rate.
/// The prediction is the class with the largest raw score. A code's importance is its squared-error
/// decrease over all splits, per tree divided by the number of examples, averaged over the trees
/// with a split, and normalised to sum 1: sklearn's feature_importances_.
/// </summary>
public static class GradientBoosting
{
    public static TreeFit Fit(double[] trainX, int[] trainY, double[] testX, int[] testY, int dim, MetricOptions options)
    {
        int n = trainY.Length, m = testY.Length;
        var classes = trainY.Distinct().Order().ToArray();
        if (classes.Length < 2)
            return new TreeFit(new double[dim], 1.0, m == 0 ? 0 : testY.Count(y => y == classes[0]) / (double)m);
        int k = classes.Length, trees = k == 2 ? 1 : k;
        var y = trainY.Select(label => Array.IndexOf(classes, label)).ToArray();
        var train = trainX.Select(v => (float)v).ToArray();
        var test = testX.Select(v => (float)v).ToArray();
        var order = Enumerable.Range(0, dim).Select(j =>
        {
            var keys = Enumerable.Range(0, n).Select(i => train[i * dim + j]).ToArray();
            var idx = Enumerable.Range(0, n).ToArray();
            Array.Sort(keys, idx);
            return idx;
        }).ToArray();

        var prior = Enumerable.Range(0, k).Select(c => y.Count(v => v == c) / (double)n).ToArray();
        var init = k == 2 ? [Math.Log(prior[1] / (1 - prior[1]))] : prior.Select(p => Math.Log(Math.Max(p, 2.220446049250313e-16))).ToArray();
        var raw = new double[n * trees];
        var rawTest = new double[m * trees];
        for (int i = 0; i < n; i++) init.CopyTo(raw, i * trees);
        for (int i = 0; i < m; i++) init.CopyTo(rawTest, i * trees);

        var importance = new double[dim];
        int relevant = 0;
        int depth = options.TreeDepth;
        for (int stage = 0; stage < options.Trees; stage++)
        {
            var probability = Probabilities(raw, n, trees);
            var stageTrees = new RegressionTree[trees];
            Parallel.For(0, trees, c =>
            {
                int positive = k == 2 ? 1 : c;
                var residual = new double[n];
                for (int i = 0; i < n; i++) residual[i] = (y[i] == positive ? 1 : 0) - probability[i * trees + c];
                var tree = RegressionTree.Grow(train, dim, residual, order, depth, options.MinLeafExamples, new Random(unchecked(options.Seed * 1_000_003 + stage * 1009 + c)));
                var numerator = new double[tree.NodeCount];
                var denominator = new double[tree.NodeCount];
                for (int i = 0; i < n; i++)
                {
                    int leaf = tree.LeafOfExample[i];
                    double p = probability[i * trees + c];
                    numerator[leaf] += residual[i];
                    denominator[leaf] += p * (1 - p);
                }
                double factor = k == 2 ? 1 : (k - 1.0) / k;
                var value = new double[tree.NodeCount];
                for (int leaf = 0; leaf < value.Length; leaf++)
                    value[leaf] = Math.Abs(denominator[leaf]) < 1e-150 ? 0 : factor * numerator[leaf] / denominator[leaf];
                for (int i = 0; i < n; i++) raw[i * trees + c] += options.LearningRate * value[tree.LeafOfExample[i]];
                for (int i = 0; i < m; i++) rawTest[i * trees + c] += options.LearningRate * value[tree.Leaf(test.AsSpan(i * dim, dim))];
                stageTrees[c] = tree;
            });
            foreach (var tree in stageTrees.Where(t => t.NodeCount > 1))
            {
                for (int j = 0; j < dim; j++) importance[j] += tree.Importance[j];
                relevant++;
            }
        }
        double total = importance.Sum();
        if (total > 0) for (int j = 0; j < dim; j++) importance[j] /= total;
        return new TreeFit(importance, Accuracy(raw, trainY, classes, trees), Accuracy(rawTest, testY, classes, trees));
    }

    // Class probabilities p_ik from raw scores (softmax; the logistic function for one score).
    static double[] Probabilities(double[] raw, int n, int trees)
    {
        var p = new double[raw.Length];
        for (int i = 0; i < n; i++)
        {
            if (trees == 1) { p[i] = 1 / (1 + Math.Exp(-raw[i])); continue; }
            double max = double.NegativeInfinity, sum = 0;
            for (int c = 0; c < trees; c++) max = Math.Max(max, raw[i * trees + c]);
            for (int c = 0; c < trees; c++) sum += p[i * trees + c] = Math.Exp(raw[i * trees + c] - max);
            for (int c = 0; c < trees; c++) p[i * trees + c] /= sum;
        }
        return p;
    }

    static double Accuracy(double[] raw, int[] labels, int[] classes, int trees)
    {
        if (labels.Length == 0) return 0;
        int right = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            int best;
            if (trees == 1) best = raw[i] > 0 ? 1 : 0;
            else
            {
                best = 0;
                for (int c = 1; c < trees; c++) if (raw[i * trees + c] > raw[i * trees + best]) best = c;
            }
            if (classes[best] == labels[i]) right++;
        }
        return (double)right / labels.Length;
    }
}
