using Vae.Models;


namespace Vae.Cli.Commands;

public sealed class FactorAnalysisSettings : CommonSettings
{
    [CommandOption("--data <SOURCE>")]
    [Description("Data: csv:<file>, mnist:<dir> or fashion-mnist (the training split is fitted, the test split scored).")]
    public string? Data { get; init; }

    [CommandOption("--label-column <NAME>")]
    [Description("For csv:, parquet: and arrow: tables: the label column (name or 0-based index). For npy: an .npz array name (default: y, Y, labels or label when present) or, for an N×D matrix, a column index.")]
    public string? LabelColumn { get; init; }

    [CommandOption("--latent <K>")]
    [Description("Number of factors k (required, 1 ≤ k < D).")]
    public int? Latent { get; init; }

    [CommandOption("--max-iterations <N>")]
    [Description("EM iterations at most (default 1000).")]
    [DefaultValue(1000)]
    public int MaxIterations { get; init; } = 1000;

    [CommandOption("--tolerance <NATS>")]
    [Description("Stop when an iteration gains less than this, in nats per example (default 1e-6).")]
    [DefaultValue(1e-6)]
    public double Tolerance { get; init; } = 1e-6;

    [CommandOption("--seed <S>")]
    [Description("Seed of the initial loadings' perturbation (default 0).")]
    public int Seed { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object: loglik (mean per example, nats, on the fitted data), iterations, test_loglik, ppca_loglik, ppca_test_loglik.")]
    public bool Json { get; init; }
}

[Description("Fit factor analysis (x = W z + mu + noise, diagonal noise) by EM, with its exact log-likelihood; probabilistic PCA in closed form beside it.")]
public sealed class FactorAnalysisCommand(CliConsole console) : Command<FactorAnalysisSettings>
{
    public override int Execute(CommandContext context, FactorAnalysisSettings s, CancellationToken cancel)
    {
        if (s.Data is null) throw new VaeException("--data <SOURCE> is required (csv:<file>, mnist:<dir> or fashion-mnist).");
        if (s.Latent is not int k) throw new VaeException("--latent <K> is required (the number of factors).");
        if (s.MaxIterations < 1) throw new VaeException($"--max-iterations {s.MaxIterations}: must be ≥ 1.");
        if (!(s.Tolerance >= 0)) throw new VaeException($"--tolerance {s.Tolerance}: must be ≥ 0.");
        s.Setup();
        var (train, test) = DataSources.LoadRaw(TrainSettings.Guard(() => new DataOptions { Source = s.Data, LabelColumn = s.LabelColumn }));
        var fa = FactorAnalysis.FitEm(train.Features, train.Dimension, k, s.MaxIterations, s.Tolerance, s.Seed);
        var ppca = FactorAnalysis.FitPpca(train.Features, train.Dimension, k);
        double testLoglik = fa.LogLikelihood(test.Features).Average(), ppcaTest = ppca.LogLikelihood(test.Features).Average();
        if (s.Json)
        {
            console.WriteJson(new FactorAnalysisResult(fa.LogLikelihoodHistory[^1], fa.Iterations, testLoglik,
                ppca.LogLikelihoodHistory[0], ppcaTest, train.Count, test.Count, train.Dimension, k));
            return ExitCodes.Ok;
        }
        console.WriteLine($"{s.Data}: {train.Count:N0} examples of dimension {train.Dimension} fitted, {test.Count:N0} held out; k = {k}");
        console.WriteLine($"  factor analysis (EM, {fa.Iterations} iterations): log-likelihood {fa.LogLikelihoodHistory[^1]:F4} nats per example (held out: {testLoglik:F4})");
        console.WriteLine($"  probabilistic PCA (closed form):       log-likelihood {ppca.LogLikelihoodHistory[0]:F4} nats per example (held out: {ppcaTest:F4})");
        return ExitCodes.Ok;
    }
}
