using Vae.Applications.Disentanglement;

namespace Vae.Tests.Applications.Disentanglement;

/// <summary>The pieces the metrics are built from, against hand computations and brute force.</summary>
public class MetricPartsTests
{
    [Fact]
    public void Histogram_Bins_Like_Numpy_Digitize_Of_Histogram_Edges()
    {
        // np.digitize(x, np.histogram(x, 5)[1][:-1]) for x = 0 … 10: edges 0, 2, 4, 6, 8
        var x = Enumerable.Range(0, 11).Select(i => (double)i).ToArray();
        Assert.Equal([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5], DiscreteInformation.Histogram(x, 5));
        // a constant: edges from c − 0.5 in steps of 0.05; c itself is the 11th edge
        Assert.Equal([11, 11, 11], DiscreteInformation.Histogram([3.0, 3.0, 3.0], 20));
    }

    [Fact]
    public void Mutual_Information_Of_A_Variable_With_Itself_Is_Its_Entropy_And_Of_Independent_Ones_Zero()
    {
        int[] a = [0, 1, 2, 3, 0, 1, 2, 3], b = [0, 0, 0, 0, 1, 1, 1, 1];
        Assert.Equal(Math.Log(4), DiscreteInformation.Entropy(a), 12);
        Assert.Equal(0.0, DiscreteInformation.MutualInformation(a, b), 12);
        Assert.Equal(Math.Log(2), DiscreteInformation.MutualInformation(a.Select(v => v % 2).ToArray(), a), 12);
    }

    [Fact]
    public void Dci_Scores_Of_Hand_Computed_Importance_Matrices()
    {
        Assert.Equal(1.0, Dci.Disentanglement([1, 0, 0, 1], 2, 2), 6);
        Assert.Equal(1.0, Dci.Completeness([1, 0, 0, 1], 2, 2), 6);
        Assert.Equal(0.0, Dci.Disentanglement([1, 1, 1, 1], 2, 2), 6);
        // R = [[0.5, 0], [0.5, 1]]: codes weigh 1/4 and 3/4; code 1 splits 1/3 : 2/3
        double h = -(Math.Log(1.0 / 3) / 3 + 2 * Math.Log(2.0 / 3) / 3) / Math.Log(2);
        Assert.Equal(0.25 + 0.75 * (1 - h), Dci.Disentanglement([0.5, 0, 0.5, 1], 2, 2), 6);
        Assert.Equal(0.5, Dci.Completeness([0.5, 0, 0.5, 1], 2, 2), 6);
    }

    [Fact]
    public void Logistic_Regression_Reaches_The_Minimum_Of_Sklearns_Objective()
    {
        // one feature, two classes with overlapping Gaussians: compare with a brute-force search over (w1 − w0, b1 − b0)
        var random = new Random(1);
        int n = 400;
        var x = new double[n];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 2;
            x[i] = (y[i] == 1 ? 1.0 : -0.5) + Gaussian(random);
        }
        var model = LogisticRegression.Fit(x, 1, y, 2);
        // with two classes and the L2 penalty ½(w0² + w1²), the optimum has w1 = −w0 and the objective
        // in (w = w1 − w0, c = b1 − b0) is ¼w² + Σ log(1 + exp(−s_i (w x_i + c)))
        double F(double w, double c)
        {
            double f = w * w / 4;
            for (int i = 0; i < n; i++) f += Math.Log(1 + Math.Exp(-(y[i] == 1 ? 1 : -1) * (w * x[i] + c)));
            return f;
        }
        var (bw, bc) = GridMinimum(F, 0, 3, -1.5, 1.5);
        // the boundary −c/w is where the two predictions swap
        double boundary = -bc / bw;
        Assert.Equal(0, model.Predict([boundary - 0.01])[0]);
        Assert.Equal(1, model.Predict([boundary + 0.01])[0]);
    }

    [Fact]
    public void Linear_Svm_Reaches_The_Minimum_Of_The_Squared_Hinge_Objective()
    {
        var random = new Random(2);
        int n = 300;
        var x = new double[n];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 3 == 0 ? 1 : 0;   // unbalanced: balanced weights matter
            x[i] = (y[i] == 1 ? 0.8 : -0.2) + 0.7 * Gaussian(random);
        }
        var svm = LinearSvm1D.Fit(x, y, 2, c: 0.05);
        // brute force: ½(w² + b²) + Σ C_i max(0, 1 − t_i(w x_i + b))² with C_i = C·n/(2 n_class)
        double F(double w, double b)
        {
            double f = 0.5 * (w * w + b * b);
            for (int i = 0; i < n; i++)
            {
                double t = y[i] == 1 ? 1 : -1, m = 1 - t * (w * x[i] + b);
                if (m > 0) f += 0.05 * n / (2.0 * (y[i] == 1 ? 100 : 200)) * m * m;
            }
            return f;
        }
        var (bw, bb) = GridMinimum(F, -1, 3, -2, 2);
        double boundary = -bb / bw;
        Assert.Equal(0, svm.Predict(boundary - 0.01));
        Assert.Equal(1, svm.Predict(boundary + 0.01));
    }

    [Fact]
    public void Gradient_Boosted_Trees_Put_The_Importance_On_The_Informative_Code()
    {
        var random = new Random(4);
        int n = 1000;
        double[] Codes(int[] labels) => labels.SelectMany(l => new[] { random.NextDouble(), l + 0.3 * random.NextDouble(), random.NextDouble() }).ToArray();
        var trainY = Enumerable.Range(0, n).Select(i => i % 4).ToArray();
        var testY = Enumerable.Range(0, n / 2).Select(i => (i * 7) % 4).ToArray();
        var fit = GradientBoosting.Fit(Codes(trainY), trainY, Codes(testY), testY, 3, new MetricOptions());
        Assert.True(fit.Importance[1] > 0.85 && fit.Importance[0] < 0.1 && fit.Importance[2] < 0.1, $"importances {string.Join(", ", fit.Importance)}");
        Assert.Equal(1.0, fit.Importance.Sum(), 6);
        Assert.Equal(1.0, fit.TrainAccuracy);
        // after the classes are separated, later trees (one example per leaf allowed, as in sklearn) fit the noise codes a little
        Assert.InRange(fit.TestAccuracy, 0.98, 1.0);
    }

    [Fact]
    public void A_Random_Rotation_Is_Orthogonal()
    {
        var q = Representations.RandomRotation(5, 9);
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++)
            {
                double dot = 0;
                for (int r = 0; r < 5; r++) dot += q[r, i] * q[r, j];
                Assert.Equal(i == j ? 1.0 : 0.0, dot, 12);
            }
    }

    // Brute force: a 0.02 grid over the box, then a 0.0005 grid around its best point (the objectives are convex).
    static (double, double) GridMinimum(Func<double, double, double> f, double a0, double a1, double b0, double b1)
    {
        (double a, double b) best = (a0, b0);
        double value = double.PositiveInfinity;
        foreach (var (step, lo, hi, lo2, hi2) in new[] { (0.02, a0, a1, b0, b1), (0.0005, 0.0, 0.0, 0.0, 0.0) })
        {
            var (ra0, ra1, rb0, rb1) = step == 0.02 ? (lo, hi, lo2, hi2) : (best.a - 0.02, best.a + 0.02, best.b - 0.02, best.b + 0.02);
            for (double a = ra0; a <= ra1; a += step)
                for (double b = rb0; b <= rb1; b += step)
                {
                    double v = f(a, b);
                    if (v < value) (value, best) = (v, (a, b));
                }
        }
        return best;
    }

    static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
