namespace Vae.Applications.Disentanglement;

/// <summary>
/// Multinomial logistic regression with sklearn's LogisticRegression objective and defaults
/// (C = 1, L2 penalty on the weights, unpenalised intercepts):
/// <code>min_{W,b}  ½‖W‖² − C Σ_i log softmax(W x_i + b)_{y_i}</code>
/// solved by Newton's method with a backtracking line search to a gradient norm below 1e-8 (sklearn
/// stops L-BFGS after 100 iterations; the optimum is the same when it converges).
/// </summary>
public sealed class LogisticRegression
{
    readonly double[] w;   // classes × (dim + 1): weights then intercept
    readonly int dim, classes;

    LogisticRegression(double[] w, int dim, int classes) { this.w = w; this.dim = dim; this.classes = classes; }

    /// <summary>Fits n rows of <paramref name="x"/> (n × dim, row-major) to labels in 0 … classes−1.</summary>
    public static LogisticRegression Fit(double[] x, int dim, int[] y, int classes, double c = 1.0, int maxIterations = 100)
    {
        int n = y.Length, p = dim + 1, size = classes * p;
        if (x.Length != n * dim) throw new ArgumentException($"{x.Length} values are not {n} rows of {dim}.", nameof(x));
        var theta = new double[size];
        double objective = Objective(theta, x, y, dim, classes, c);
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            var (gradient, hessian) = Derivatives(theta, x, y, dim, classes, c);
            double norm = Math.Sqrt(gradient.Sum(g => g * g));
            if (norm < 1e-8 * Math.Max(1, c * n)) break;
            var step = DenseSolver.SolveSymmetric(hessian, gradient);
            double decrease = step.Zip(gradient, (s, g) => s * g).Sum();
            bool moved = false;
            for (double t = 1; t > 1e-10; t /= 2)
            {
                var trial = theta.Zip(step, (a, s) => a - t * s).ToArray();
                double value = Objective(trial, x, y, dim, classes, c);
                if (value <= objective - 1e-4 * t * decrease)
                {
                    theta = trial;
                    objective = value;
                    moved = true;
                    break;
                }
            }
            if (!moved) break;
        }
        return new LogisticRegression(theta, dim, classes);
    }

    /// <summary>The most probable class of each row (ties to the lowest index).</summary>
    public int[] Predict(double[] x)
    {
        int n = x.Length / dim;
        var result = new int[n];
        var scores = new double[classes];
        for (int i = 0; i < n; i++)
        {
            Scores(w, x.AsSpan(i * dim, dim), dim, classes, scores);
            int best = 0;
            for (int k = 1; k < classes; k++) if (scores[k] > scores[best]) best = k;
            result[i] = best;
        }
        return result;
    }

    /// <summary>The fraction of rows whose predicted class is their label.</summary>
    public double Accuracy(double[] x, int[] y) => Predict(x).Zip(y, (p, t) => p == t ? 1.0 : 0.0).Average();

    static void Scores(double[] theta, ReadOnlySpan<double> xi, int dim, int classes, double[] scores)
    {
        int p = dim + 1;
        for (int k = 0; k < classes; k++)
        {
            double s = theta[k * p + dim];
            for (int j = 0; j < dim; j++) s += theta[k * p + j] * xi[j];
            scores[k] = s;
        }
    }

    static double Objective(double[] theta, double[] x, int[] y, int dim, int classes, double c)
    {
        int p = dim + 1;
        double penalty = 0;
        for (int k = 0; k < classes; k++)
            for (int j = 0; j < dim; j++) penalty += theta[k * p + j] * theta[k * p + j];
        double loss = 0;
        var scores = new double[classes];
        for (int i = 0; i < y.Length; i++)
        {
            Scores(theta, x.AsSpan(i * dim, dim), dim, classes, scores);
            double max = scores.Max(), sum = 0;
            foreach (var s in scores) sum += Math.Exp(s - max);
            loss += max + Math.Log(sum) - scores[y[i]];
        }
        return 0.5 * penalty + c * loss;
    }

    static (double[] Gradient, double[,] Hessian) Derivatives(double[] theta, double[] x, int[] y, int dim, int classes, double c)
    {
        int p = dim + 1, size = classes * p;
        var g = new double[size];
        var h = new double[size, size];
        var scores = new double[classes];
        var prob = new double[classes];
        var xi = new double[p];
        for (int i = 0; i < y.Length; i++)
        {
            for (int j = 0; j < dim; j++) xi[j] = x[i * dim + j];
            xi[dim] = 1;
            Scores(theta, x.AsSpan(i * dim, dim), dim, classes, scores);
            double max = scores.Max(), sum = 0;
            for (int k = 0; k < classes; k++) sum += prob[k] = Math.Exp(scores[k] - max);
            for (int k = 0; k < classes; k++) prob[k] /= sum;
            for (int k = 0; k < classes; k++)
            {
                double r = c * (prob[k] - (y[i] == k ? 1 : 0));
                for (int a = 0; a < p; a++) g[k * p + a] += r * xi[a];
                for (int l = k; l < classes; l++)
                {
                    double weight = c * prob[k] * ((k == l ? 1 : 0) - prob[l]);
                    for (int a = 0; a < p; a++)
                        for (int b = 0; b < p; b++) h[k * p + a, l * p + b] += weight * xi[a] * xi[b];
                }
            }
        }
        for (int k = 0; k < classes; k++)
            for (int j = 0; j < dim; j++)
            {
                g[k * p + j] += theta[k * p + j];
                h[k * p + j, k * p + j] += 1;
            }
        for (int r = 0; r < size; r++)
            for (int s = 0; s < r; s++) h[r, s] = h[s, r];   // only blocks l ≥ k were accumulated
        return (g, h);
    }
}
