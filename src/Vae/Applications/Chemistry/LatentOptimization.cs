using TorchSharp;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Applications.Chemistry;

/// <summary>One decoded point on an optimisation path: the molecule decoded at a step, its measured property (when valid) and the head's prediction there.</summary>
public sealed record PathPoint(int Molecule, int Step, string Smiles, bool Valid, double? Measured, double Predicted);

/// <summary>The decoded molecules at one step of all paths: the head's mean prediction, how many are valid, the mean measured property of the valid ones.</summary>
public sealed record StepSummary(int Step, double Predicted, int Valid, int Count, double? MeasuredMean, int Distinct);

/// <summary>
/// Property optimisation in latent space (Gómez-Bombarelli et al. 2018, with gradient ascent in
/// place of their Gaussian process): from z₀ = μ(x) of each start molecule, take
/// <c>steps</c> steps z ← z + η ∇_z [±f(z) − λ‖z‖²/2], f the property head in standardized units
/// and λ a pull toward the prior's high-density region (decoding fails far from it). The path is
/// decoded greedily every <c>every</c> steps; the property of each decoded molecule is computed
/// from its SMILES (TPSA by <see cref="Tpsa"/>, logP by <see cref="Crippen.CrippenLogP"/>), never read off the head.
/// </summary>
public static class LatentOptimization
{
    public sealed record Options(string Property, bool Increase, int Steps, double StepSize, double PriorWeight, int Every, SmilesDecodingOptions? Decoding = null);

    public sealed record Result(Options Options, IReadOnlyList<string> Start, double[] StartMeasured, IReadOnlyList<PathPoint> Path, IReadOnlyList<StepSummary> Steps)
    {
        /// <summary>Per start molecule: the decoded molecule of the furthest step that is valid (null when none is).</summary>
        public IReadOnlyList<PathPoint?> Final => Enumerable.Range(0, Start.Count)
            .Select(m => Path.Where(p => p.Molecule == m && p.Valid).MaxBy(p => p.Step)).ToArray();

        /// <summary>Mean change of the measured property from the start molecule to its final valid decoding (over molecules that have one).</summary>
        public double? MeanChange => Changes().DefaultIfEmpty(double.NaN).Average() is var c && double.IsFinite(c) ? c : null;

        /// <summary>
        /// Mean change of the measured property from each path's own step-0 decoding (z = μ(x), which need not
        /// be the start molecule) to its final valid decoding, over paths where both are valid: what the steps did.
        /// </summary>
        public double? MeanChangeFromFirstDecoding
        {
            get
            {
                var first = Path.Where(p => p.Step == 0).ToDictionary(p => p.Molecule);
                var changes = Final.Where(p => p is not null && first[p.Molecule].Valid)
                    .Select(p => p!.Measured!.Value - first[p!.Molecule].Measured!.Value).ToList();
                return changes.Count == 0 ? null : changes.Average();
            }
        }

        /// <summary>Fraction of start molecules whose final valid decoding moved the property the asked way.</summary>
        public double Improved => Start.Count == 0 ? 0 : (double)Changes().Count(c => Options.Increase ? c > 0 : c < 0) / Start.Count;

        /// <summary>Distinct valid decoded molecules (canonical) along all paths that are none of the start molecules.</summary>
        public int NewMolecules
        {
            get
            {
                var start = GenerationMetrics.CanonicalSet(Start);
                return GenerationMetrics.CanonicalSet(Path.Where(p => p.Valid).Select(p => p.Smiles)).Count(c => !start.Contains(c));
            }
        }

        IEnumerable<double> Changes() => Final.Select((p, m) => p?.Measured is double v ? v - StartMeasured[m] : double.NaN).Where(double.IsFinite);
    }

    /// <summary>The property a name refers to, computed from a SMILES string (null when invalid).</summary>
    public static Func<string, double?> Measure(string property) => SmilesData.Computed(property)
        ?? throw new VaeException($"--property {property}: only {string.Join(" and ", SmilesData.ComputedTargets)} can be computed for decoded molecules.");

    public static Result Run(SmilesVae vae, MoleculeSet start, Options o)
    {
        if (o.Steps < 1) throw new VaeException($"--steps {o.Steps}: must be ≥ 1.");
        if (!(o.StepSize > 0)) throw new VaeException($"--step-size {o.StepSize}: must be > 0.");
        if (o.Every < 1) throw new VaeException($"--every {o.Every}: must be ≥ 1.");
        int p = vae.PropertyIndex(o.Property);
        var measure = Measure(o.Property);
        var data = vae.Encode(start);
        int m = start.Count, d = vae.Model.Latent;
        var z = vae.Means(data);
        var path = new List<PathPoint>();
        var steps = new List<StepSummary>();
        var startMeasured = start.Smiles.Select(s => measure(s) ?? double.NaN).ToArray();
        using (EvaluationMode.Enter(vae.Model, gradients: true))
        {
            Record(vae, z, 0, p, measure, path, steps, o.Decoding ?? SmilesDecodingOptions.Greedy);
            for (int step = 1; step <= o.Steps; step++)
            {
                z = Ascend(vae, z, m, d, p, o);
                if (step % o.Every == 0 || step == o.Steps) Record(vae, z, step, p, measure, path, steps, o.Decoding ?? SmilesDecodingOptions.Greedy);
            }
        }
        return new Result(o, start.Smiles, startMeasured, path, steps);
    }

    // One gradient step on ±f(z) − λ‖z‖²/2 for every path: z [m·d] -> [m·d]
    static float[] Ascend(SmilesVae vae, float[] z, int m, int d, int p, Options o)
    {
        using var scope = NewDisposeScope();
        var zt = tensor(z, [m, d]).to(vae.Device).requires_grad_(true);
        var f = vae.Model.PredictStandardized(zt).select(1, p);
        var objective = (o.Increase ? f : -f) - 0.5 * o.PriorWeight * zt.square().sum(-1);
        var grad = autograd.grad([objective.sum()], [zt])[0];
        using var noGrad = no_grad();
        return (zt + o.StepSize * grad).cpu().data<float>().ToArray();
    }

    static void Record(SmilesVae vae, float[] z, int step, int p, Func<string, double?> measure, List<PathPoint> path, List<StepSummary> steps, SmilesDecodingOptions decoding)
    {
        var smiles = vae.Decode(z, decoding);
        var predicted = vae.Predict(z);
        int props = vae.Model.Options.PropertyHead!.Targets;
        var points = smiles.Select((s, i) =>
        {
            double? value = measure(s);
            return new PathPoint(i, step, s, value is not null, value, predicted[i * props + p]);
        }).ToList();
        path.AddRange(points);
        var valid = points.Where(x => x.Valid).ToList();
        steps.Add(new StepSummary(step, points.Average(x => x.Predicted), valid.Count, points.Count,
            valid.Count == 0 ? null : valid.Average(x => x.Measured!.Value), GenerationMetrics.CanonicalSet(valid.Select(x => x.Smiles)).Count));
    }
}
