namespace Vae.Applications.Disentanglement;

/// <summary>Accuracy of the BetaVAE metric's classifier on its training and evaluation points.</summary>
public sealed record BetaVaeResult(double TrainAccuracy, double EvalAccuracy);

/// <summary>
/// The BetaVAE score (Higgins et al. 2017), as in disentanglement_lib. One point: choose a factor k
/// uniformly, draw two batches of <see cref="MetricOptions.BatchSize"/> (64) factor rows, copy factor
/// k of the first batch into the second, and take the feature
/// <code>f = (1/B) Σ_b | r(x_b) − r(x'_b) |</code>
/// (per code dimension) with label k. A multinomial logistic regression (C = 1) is fitted to
/// <see cref="MetricOptions.VoteTrain"/> (10,000) points; the score is its accuracy on
/// <see cref="MetricOptions.VoteEval"/> (5,000) fresh points. 1 when the fixed factor can be read
/// off linearly from which codes stop changing; 1/K is chance.
/// </summary>
public static class BetaVaeScore
{
    public static BetaVaeResult Compute(FactorDataset data, Representation representation, MetricOptions options)
    {
        var random = new Random(options.Seed);
        var (trainX, trainY, dim) = Points(data, representation, options.BatchSize, options.VoteTrain, random);
        var model = LogisticRegression.Fit(trainX, dim, trainY, data.FactorCount);
        var (evalX, evalY, _) = Points(data, representation, options.BatchSize, options.VoteEval, random);
        return new BetaVaeResult(model.Accuracy(trainX, trainY), model.Accuracy(evalX, evalY));
    }

    /// <summary>n labelled feature vectors (n × dim) drawn as described above.</summary>
    public static (double[] Features, int[] Labels, int Dim) Points(FactorDataset data, Representation representation, int batch, int n, Random random)
    {
        int k = data.FactorCount;
        int perChunk = Math.Max(1, CodeSampler.Chunk / (2 * batch));
        var labels = new int[n];
        double[] features = [];
        int dim = 0;
        for (int start = 0; start < n; start += perChunk)
        {
            int m = Math.Min(perChunk, n - start);
            var rows = new int[2 * m * batch * k];   // point p: first batch at rows [2p·B, 2p·B + B), second after it
            for (int p = 0; p < m; p++)
            {
                int factor = labels[start + p] = random.Next(k);
                var first = data.SampleFactors(batch, random);
                var second = data.SampleFactors(batch, random);
                for (int b = 0; b < batch; b++) second[b * k + factor] = first[b * k + factor];
                first.CopyTo(rows, 2 * p * batch * k);
                second.CopyTo(rows, (2 * p + 1) * batch * k);
            }
            var codes = CodeSampler.Encode(data, representation, rows, out dim);
            if (features.Length == 0) features = new double[n * dim];
            for (int p = 0; p < m; p++)
                for (int j = 0; j < dim; j++)
                {
                    double sum = 0;
                    for (int b = 0; b < batch; b++)
                        sum += Math.Abs(codes[(2 * p * batch + b) * dim + j] - codes[((2 * p + 1) * batch + b) * dim + j]);
                    features[(start + p) * dim + j] = sum / batch;
                }
        }
        return (features, labels, dim);
    }
}
