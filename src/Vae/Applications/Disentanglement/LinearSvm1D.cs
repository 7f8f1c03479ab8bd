namespace Vae.Applications.Disentanglement;

/// <summary>
/// sklearn's LinearSVC(C, class_weight="balanced") on a single feature: one-vs-rest, squared hinge
/// loss, the intercept penalised like a weight (liblinear with intercept_scaling = 1). For class c:
/// <code>min_{w,b} ½(w² + b²) + Σ_i C_i max(0, 1 − t_i (w x_i + b))²</code>
/// with t_i = +1 for class c (C_i = C · n / (classes · n_c), liblinear's weighted C for the positive
/// class) and −1 otherwise (C_i = C); with two classes, one problem with class 1 positive and each
/// class weighted by its own balanced C, as liblinear does. Each problem is strictly convex in two variables and is solved
/// exactly by generalised Newton steps with a line search; prediction is argmax_c (w_c x + b_c).
/// </summary>
public sealed class LinearSvm1D
{
    readonly double[] weights, intercepts;

    LinearSvm1D(double[] weights, double[] intercepts) { this.weights = weights; this.intercepts = intercepts; }

    public static LinearSvm1D Fit(double[] x, int[] y, int classes, double c = 0.01)
    {
        int n = x.Length;
        var counts = new int[classes];
        foreach (int label in y) counts[label]++;
        var w = new double[classes];
        var b = new double[classes];
        var t = new double[n];
        var cost = new double[n];
        if (classes == 2 && counts[0] > 0 && counts[1] > 0)
        {
            // liblinear solves one problem for two classes: class 1 positive, each class with its own weighted C.
            for (int i = 0; i < n; i++)
            {
                t[i] = y[i] == 1 ? 1 : -1;
                cost[i] = c * n / (2.0 * counts[y[i]]);
            }
            (w[1], b[1]) = Solve(x, t, cost);
            return new LinearSvm1D(w, b);
        }
        for (int k = 0; k < classes; k++)
        {
            if (counts[k] == 0) { b[k] = double.NegativeInfinity; continue; }   // never predicted
            double positive = c * n / ((double)classes * counts[k]);
            for (int i = 0; i < n; i++)
            {
                t[i] = y[i] == k ? 1 : -1;
                cost[i] = y[i] == k ? positive : c;
            }
            (w[k], b[k]) = Solve(x, t, cost);
        }
        return new LinearSvm1D(w, b);
    }

    public int Predict(double x)
    {
        int best = 0;
        for (int k = 1; k < weights.Length; k++)
            if (weights[k] * x + intercepts[k] > weights[best] * x + intercepts[best]) best = k;
        return best;
    }

    public double Accuracy(double[] x, int[] y) => x.Zip(y, (v, label) => Predict(v) == label ? 1.0 : 0.0).Average();

    static (double W, double B) Solve(double[] x, double[] t, double[] cost)
    {
        double w = 0, b = 0, value = Objective(x, t, cost, w, b);
        for (int iteration = 0; iteration < 100; iteration++)
        {
            double gw = w, gb = b, hww = 1, hwb = 0, hbb = 1;
            for (int i = 0; i < x.Length; i++)
            {
                double margin = 1 - t[i] * (w * x[i] + b);
                if (margin <= 0) continue;
                gw -= 2 * cost[i] * margin * t[i] * x[i];
                gb -= 2 * cost[i] * margin * t[i];
                hww += 2 * cost[i] * x[i] * x[i];
                hwb += 2 * cost[i] * x[i];
                hbb += 2 * cost[i];
            }
            if (Math.Sqrt(gw * gw + gb * gb) < 1e-10 * (1 + Math.Abs(value))) break;
            double det = hww * hbb - hwb * hwb;
            double sw = (hbb * gw - hwb * gb) / det, sb = (hww * gb - hwb * gw) / det;
            double decrease = sw * gw + sb * gb;
            bool moved = false;
            for (double step = 1; step > 1e-12; step /= 2)
            {
                double trial = Objective(x, t, cost, w - step * sw, b - step * sb);
                if (trial <= value - 1e-4 * step * decrease)
                {
                    (w, b, value, moved) = (w - step * sw, b - step * sb, trial, true);
                    break;
                }
            }
            if (!moved) break;
        }
        return (w, b);
    }

    static double Objective(double[] x, double[] t, double[] cost, double w, double b)
    {
        double value = 0.5 * (w * w + b * b);
        for (int i = 0; i < x.Length; i++)
        {
            double margin = 1 - t[i] * (w * x[i] + b);
            if (margin > 0) value += cost[i] * margin * margin;
        }
        return value;
    }
}
