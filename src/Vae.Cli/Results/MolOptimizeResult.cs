using Vae.Applications.Chemistry;

namespace Vae.Cli.Results;

/// <summary>The `vae mol optimize --json` object, with one summary per decoded step.</summary>
public sealed record MolOptimizeResult(
    string Property, string Direction, int StartMolecules, int StepsTaken, double StartMean, int FinalValid,
    double? MeanChange, double? MeanChangeFromStep0, double ImprovedFraction, int NewMolecules, IReadOnlyList<MolOptimizeResult.DecodedStep> Steps, string Path)
{
    public sealed record DecodedStep(int Step, double PredictedMean, int Valid, double? MeasuredMean, int Distinct);

    public static IReadOnlyList<DecodedStep> StepsOf(IEnumerable<StepSummary> steps) =>
        steps.Select(x => new DecodedStep(x.Step, x.Predicted, x.Valid, x.MeasuredMean, x.Distinct)).ToList();
}
