using MathNet.Numerics;
using Vae.Data;

namespace Vae.Applications.Chemistry;

/// <summary>
/// How well the property head predicts a target from z = μ(x) on held-out molecules: mean absolute
/// error, root mean squared error and R², beside the error of always predicting the training mean
/// (a model that learned nothing scores that).
/// </summary>
public sealed record PropertyPrediction(string Property, int Count, double Mae, double Rmse, double R2, double BaselineMae)
{
    public static PropertyPrediction Measure(SmilesVae vae, Dataset data, string property)
    {
        int p = vae.PropertyIndex(property);
        int props = data.TargetSize;
        if (data.Targets is null) throw new VaeException($"{data.Name}: no target values to compare with.");
        var predicted = vae.Predict(vae.Means(data));
        var pairs = Enumerable.Range(0, data.Count)
            .Select(i => (Truth: (double)data.Targets[i * props + p], Guess: (double)predicted[i * vae.Model.Options.PropertyHead!.Targets + p]))
            .Where(x => double.IsFinite(x.Truth)).ToArray();
        if (pairs.Length == 0) throw new VaeException($"{data.Name}: no known {property} values.");
        double trainMean = vae.Config.Model.PropertyHead?.Mean?[p] ?? 0;
        double mean = pairs.Average(x => x.Truth);
        double sse = pairs.Sum(x => (x.Guess - x.Truth) * (x.Guess - x.Truth));
        double r2 = GoodnessOfFit.CoefficientOfDetermination(pairs.Select(x => x.Guess), pairs.Select(x => x.Truth));
        return new PropertyPrediction(property, pairs.Length,
            pairs.Average(x => Math.Abs(x.Guess - x.Truth)), Math.Sqrt(sse / pairs.Length), double.IsFinite(r2) ? r2 : 0,
            pairs.Average(x => Math.Abs(trainMean - x.Truth)));
    }
}
