using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Vae.Applications.Disentanglement;

/// <summary>
/// DCI's classifier built from ML.NET's FastTree instead (<see cref="DciTrees.FastTree"/>): one binary
/// FastTree per class, one-vs-rest, the predicted class having the largest raw score; 100 trees of
/// 8 leaves, learning rate 0.1, at least one example per leaf. A code's importance is FastTree's
/// split gain (GetFeatureWeights) summed over all trees of all classes, normalised to sum 1.
/// Measured against scikit-learn on the same codes (SklearnReferenceTests), its accuracies agree
/// but these gains spread over uninformative codes far more than sklearn's impurity decreases do,
/// so DCI disentanglement and completeness come out much lower than disentanglement_lib's: kept for
/// comparison only.
/// </summary>
public static class FastTreeClassifier
{
    sealed class Row
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    public static TreeFit Fit(double[] trainX, int[] trainY, double[] testX, int[] testY, int dim, int classes, MetricOptions options)
    {
        var trainScores = new double[classes][];
        var testScores = new double[classes][];
        var gains = new double[classes][];
        Parallel.For(0, classes, c =>
        {
            if (!trainY.Contains(c) || trainY.All(y => y == c)) return;   // nothing to separate: never (or always) this class
            var ml = new MLContext(options.Seed);
            var schema = SchemaDefinition.Create(typeof(Row));
            schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dim);
            var train = ml.Data.LoadFromEnumerable(Rows(trainX, trainY, dim, c), schema);
            var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = options.Trees,
                NumberOfLeaves = 1 << options.TreeDepth,
                LearningRate = options.LearningRate,
                MinimumExampleCountPerLeaf = options.MinLeafExamples,
                NumberOfThreads = 1,
                Seed = options.Seed,
            });
            var model = trainer.Fit(train);
            VBuffer<float> weights = default;
            model.Model.SubModel.GetFeatureWeights(ref weights);
            gains[c] = weights.DenseValues().Select(v => (double)v).ToArray();
            trainScores[c] = Scores(model, ml, train);
            testScores[c] = Scores(model, ml, ml.Data.LoadFromEnumerable(Rows(testX, testY, dim, c), schema));
        });
        var importance = new double[dim];
        foreach (var g in gains.Where(g => g is not null))
            for (int j = 0; j < dim; j++) importance[j] += Math.Abs(g[j]);
        double total = importance.Sum();
        if (total > 0) for (int j = 0; j < dim; j++) importance[j] /= total;
        return new TreeFit(importance, Accuracy(trainScores, trainY, trainX.Length / dim, trainY), Accuracy(testScores, testY, testX.Length / dim, trainY));
    }

    static IEnumerable<Row> Rows(double[] x, int[] y, int dim, int positive)
    {
        for (int i = 0; i < y.Length; i++)
            yield return new Row { Features = x.AsSpan(i * dim, dim).ToArray().Select(v => (float)v).ToArray(), Label = y[i] == positive };
    }

    static double[] Scores(ITransformer model, MLContext ml, IDataView data) =>
        model.Transform(data).GetColumn<float>("Score").Select(v => (double)v).ToArray();

    // The class with the largest score; classes without a model lose to any that has one. When the
    // training labels hold a single class, that class is always predicted.
    static double Accuracy(double[][] scores, int[] labels, int n, int[] trainLabels)
    {
        int only = trainLabels.Distinct().Count() == 1 ? trainLabels[0] : -1;
        int right = 0;
        for (int i = 0; i < n; i++)
        {
            int best = only;
            for (int c = 0; c < scores.Length && only < 0; c++)
                if (scores[c] is not null && (best < 0 || scores[c][i] > scores[best][i])) best = c;
            if (best == labels[i]) right++;
        }
        return n > 0 ? (double)right / n : 0;
    }
}
