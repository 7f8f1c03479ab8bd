namespace Vae.Applications.Disentanglement;

/// <summary>Accuracy of the FactorVAE metric's majority-vote classifier, and how many codes it used.</summary>
public sealed record FactorVaeResult(double TrainAccuracy, double EvalAccuracy, int ActiveDims);

/// <summary>
/// The FactorVAE score (Kim and Mnih 2018), as in disentanglement_lib. Estimate each code's global
/// variance s_j² from <see cref="MetricOptions.VarianceSamples"/> (10,000) observations and drop codes
/// with s_j below <see cref="MetricOptions.PruneThreshold"/> (0.05: collapsed to the prior). One vote:
/// choose a factor k uniformly, draw <see cref="MetricOptions.BatchSize"/> (64) factor rows that all
/// share one value of factor k, and vote (k, argmin_j Var_batch(r_j) / s_j²) (variances with n − 1).
/// The classifier maps each code to the factor it got most votes for
/// (<see cref="MetricOptions.VoteTrain"/> = 10,000 votes); the score is the fraction of
/// <see cref="MetricOptions.VoteEval"/> (5,000) fresh votes it gets right. 1 when fixing any factor
/// silences one code of its own; 0 when every code has collapsed.
/// </summary>
public static class FactorVaeScore
{
    public static FactorVaeResult Compute(FactorDataset data, Representation representation, MetricOptions options)
    {
        var random = new Random(options.Seed);
        var global = CodeSampler.Sample(data, representation, options.VarianceSamples, random);
        var variances = Enumerable.Range(0, global.Dim).Select(j => Variance(global.Code(j))).ToArray();
        var active = Enumerable.Range(0, global.Dim).Where(j => Math.Sqrt(variances[j]) >= options.PruneThreshold).ToArray();
        if (active.Length == 0) return new FactorVaeResult(0, 0, 0);
        var train = Votes(data, representation, options.BatchSize, options.VoteTrain, random, variances, active);
        int k = data.FactorCount, dim = global.Dim;
        var classifier = new int[dim];   // code → factor with most votes (ties to the lowest factor)
        for (int j = 0; j < dim; j++)
            for (int f = 1; f < k; f++) if (train[f, j] > train[classifier[j], j]) classifier[j] = f;
        var eval = Votes(data, representation, options.BatchSize, options.VoteEval, random, variances, active);
        return new FactorVaeResult(Accuracy(train, classifier), Accuracy(eval, classifier), active.Length);
    }

    /// <summary>A vote matrix: factors × codes, entry (k, j) counting points with factor k fixed whose least-varying code was j.</summary>
    public static int[,] Votes(FactorDataset data, Representation representation, int batch, int n, Random random, double[] variances, int[] active)
    {
        int k = data.FactorCount;
        var votes = new int[k, variances.Length];
        int perChunk = Math.Max(1, CodeSampler.Chunk / batch);
        for (int start = 0; start < n; start += perChunk)
        {
            int m = Math.Min(perChunk, n - start);
            var fixedFactor = new int[m];
            var rows = new int[m * batch * k];
            for (int p = 0; p < m; p++)
            {
                int factor = fixedFactor[p] = random.Next(k);
                var batchRows = data.SampleFactors(batch, random);
                for (int b = 1; b < batch; b++) batchRows[b * k + factor] = batchRows[factor];
                batchRows.CopyTo(rows, p * batch * k);
            }
            var codes = CodeSampler.Encode(data, representation, rows, out int dim);
            for (int p = 0; p < m; p++)
            {
                int best = -1;
                double bestRatio = double.PositiveInfinity;
                foreach (int j in active)
                {
                    var values = new double[batch];
                    for (int b = 0; b < batch; b++) values[b] = codes[(p * batch + b) * dim + j];
                    double ratio = Variance(values) / variances[j];
                    if (ratio < bestRatio || best < 0) { bestRatio = ratio; best = j; }
                }
                votes[fixedFactor[p], best]++;
            }
        }
        return votes;
    }

    static double Accuracy(int[,] votes, int[] classifier)
    {
        double right = 0, total = 0;
        for (int f = 0; f < votes.GetLength(0); f++)
            for (int j = 0; j < votes.GetLength(1); j++)
            {
                total += votes[f, j];
                if (classifier[j] == f) right += votes[f, j];
            }
        return total > 0 ? right / total : 0;
    }

    /// <summary>The sample variance (n − 1 in the denominator).</summary>
    public static double Variance(double[] values)
    {
        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Length - 1);
    }
}
