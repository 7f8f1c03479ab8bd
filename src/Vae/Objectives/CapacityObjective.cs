using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// Annealed capacity (Burgess et al. 2018, "Understanding disentangling in β-VAE"):
/// −E[log p(x|z)] + γ·|KL − C(t)|, the batch-mean KL pulled towards a capacity C(t) that rises
/// linearly from 0 to C_max over the given number of epochs or steps and then stays.
/// </summary>
public sealed class CapacityObjective(ObjectiveOptions options) : Objective(options)
{
    DisentanglingOptions O => Options.Disentangling!;

    public override IReadOnlyList<string> TermNames => ["capacity"];

    /// <summary>C(t) = min(C_max, C_max · t / length), in nats.</summary>
    public double Capacity(TrainingClock clock)
    {
        double t = O.CapacityUnit == ScheduleUnit.Epochs ? clock.Epoch : clock.Step;
        return Math.Min(O.CapacityMax, O.CapacityMax * t / O.CapacityLength);
    }

    public override ObjectiveValue Evaluate(ElboTerms terms, TrainingClock clock)
    {
        double c = Capacity(clock);
        var reconstruction = Loss(terms, klWeight: 0);   // −log p(x|z) (and a property head's error)
        var loss = reconstruction + O.CapacityGamma * (terms.Kl.mean() - c).abs();
        return new(loss, [tensor(c, dtype: loss.dtype, device: loss.device)]);
    }

    public override IEnumerable<string> Check(TrainingClock end)
    {
        double runLength = O.CapacityUnit == ScheduleUnit.Epochs ? end.Epoch : end.Step;
        if (O.CapacityLength > runLength)
        {
            string unit = O.CapacityUnit == ScheduleUnit.Epochs ? "epochs" : "steps";
            yield return $"Note: the capacity rises over {O.CapacityLength:G4} {unit} but the run has {runLength:G4}; C will end at {Capacity(end):G4} nats, not {O.CapacityMax:G4}.";
        }
    }
}
