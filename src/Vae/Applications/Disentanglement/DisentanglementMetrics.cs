using System.Diagnostics;

namespace Vae.Applications.Disentanglement;

/// <summary>Runs the chosen metrics on one representation of one factor data set, each from its own seeded draws.</summary>
public static class DisentanglementMetrics
{
    public static IReadOnlyList<DisentanglementMetric> All { get; } = Enum.GetValues<DisentanglementMetric>();

    /// <param name="log">Told when each metric starts and how long it took.</param>
    public static DisentanglementScores Evaluate(FactorDataset data, Representation representation, MetricOptions options,
        IEnumerable<DisentanglementMetric>? metrics = null, Action<string>? log = null)
    {
        var scores = new DisentanglementScores();
        foreach (var metric in (metrics ?? All).Distinct())
        {
            log?.Invoke($"{metric}: computing …");
            var clock = Stopwatch.StartNew();
            scores = metric switch
            {
                DisentanglementMetric.BetaVae => scores with { BetaVae = BetaVaeScore.Compute(data, representation, options).EvalAccuracy },
                DisentanglementMetric.FactorVae => scores with { FactorVae = FactorVaeScore.Compute(data, representation, options).EvalAccuracy },
                DisentanglementMetric.Mig => scores with { Mig = MutualInformationGap.Compute(data, representation, options).Score },
                DisentanglementMetric.Sap => scores with { Sap = SapScore.Compute(data, representation, options).Score },
                DisentanglementMetric.Modularity => scores with { Modularity = Modularity.Compute(data, representation, options).Score },
                _ => WithDci(scores, Dci.Compute(data, representation, options)),
            };
            log?.Invoke($"{metric}: done in {clock.Elapsed.TotalSeconds:F1} s");
        }
        return scores;
    }

    static DisentanglementScores WithDci(DisentanglementScores scores, DciResult dci) => scores with
    {
        DciDisentanglement = dci.Disentanglement,
        DciCompleteness = dci.Completeness,
        DciInformativeness = dci.InformativenessTest,
    };
}
