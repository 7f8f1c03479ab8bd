namespace Vae.Applications.Disentanglement;

/// <summary>The SAP score and its matrix of per-code, per-factor predictabilities (Dim × FactorCount).</summary>
public sealed record SapResult(double Score, double[] Matrix);

/// <summary>
/// The Separated Attribute Predictability score (Kumar et al. 2018), as in disentanglement_lib: draw
/// <see cref="MetricOptions.Train"/> (10,000) and <see cref="MetricOptions.Test"/> (5,000) observations;
/// for every code j and factor k compute a predictability S_jk: for discrete factors (the default,
/// as in Locatello et al.) the test accuracy of a linear SVM (<see cref="LinearSvm1D"/>, C = 0.01,
/// balanced) predicting factor k from code j alone; for continuous factors the squared correlation
/// R² of code j with factor k on the training sample. Then
/// <code>SAP = (1/K) Σ_k [ S_(1)k − S_(2)k ]</code>
/// the mean gap between the most and second-most predictive codes. Perfect codes of a factor with
/// many values do not reach 1 in the discrete form: a 1-D linear one-vs-rest classifier can only
/// pick out the extreme values.
/// </summary>
public static class SapScore
{
    public static SapResult Compute(FactorDataset data, Representation representation, MetricOptions options)
    {
        var random = new Random(options.Seed);
        var train = CodeSampler.Sample(data, representation, options.Train, random);
        var test = CodeSampler.Sample(data, representation, options.Test, random);
        return Score(train, test, data.Factors.Select(f => f.Count).ToArray(), options.SapContinuous);
    }

    public static SapResult Score(CodeSample train, CodeSample test, int[] factorSizes, bool continuous)
    {
        if (train.Dim < 2) throw new ArgumentException("SAP needs at least two code dimensions.", nameof(train));
        int d = train.Dim, k = train.FactorCount;
        var matrix = new double[d * k];
        Parallel.For(0, d * k, cell =>
        {
            int j = cell / k, f = cell % k;
            var code = train.Code(j);
            var factor = train.Factor(f);
            matrix[cell] = continuous
                ? SquaredCorrelation(code, factor)
                : LinearSvm1D.Fit(code, factor, factorSizes[f]).Accuracy(test.Code(j), test.Factor(f));
        });
        double score = 0;
        for (int f = 0; f < k; f++)
        {
            var column = Enumerable.Range(0, d).Select(j => matrix[j * k + f]).OrderDescending().ToArray();
            score += column[0] - column[1];
        }
        return new SapResult(score / k, matrix);
    }

    /// <summary>cov(z, v)² / (var z · var v), 0 for a constant code (disentanglement_lib's continuous SAP).</summary>
    public static double SquaredCorrelation(double[] z, int[] v)
    {
        double mz = z.Average(), mv = v.Average(), szz = 0, svv = 0, szv = 0;
        for (int i = 0; i < z.Length; i++)
        {
            szz += (z[i] - mz) * (z[i] - mz);
            svv += (v[i] - mv) * (v[i] - mv);
            szv += (z[i] - mz) * (v[i] - mv);
        }
        int n1 = Math.Max(1, z.Length - 1);
        double varZ = szz / n1, varV = svv / n1;
        return varZ > 1e-12 && varV > 0 ? szv / n1 * (szv / n1) / (varZ * varV) : 0;
    }
}
