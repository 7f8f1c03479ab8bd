using Vae.Distributions;
using Vae.Models;
using Vae.Objectives;
using static TorchSharp.torch;

namespace Vae.Tests.Objectives;

public class CapacityObjectiveTests
{
    static ElboTerms Terms()
    {
        var q = new DiagonalGaussian(zeros(2, 3), zeros(2, 3));
        // log p(x|z) = −2, −4 (reconstruction 3); KL 6 and 10 (batch mean 8)
        return new ElboTerms(tensor(new float[] { -2, -4 }), tensor(new float[] { 6, 10 }), zeros(2, 3), q, zeros(2, 3));
    }

    static Objective Capacity(double length, ScheduleUnit unit) => Objective.Create(
        ObjectiveOptions.Elbo with { Disentangling = new DisentanglingOptions { Kind = ObjectiveKind.Capacity, CapacityMax = 20, CapacityGamma = 1000, CapacityLength = length, CapacityUnit = unit } },
        TestModels.SmallMlp(), datasetSize: 100, seed: 1);

    [Theory]
    [InlineData(25, 5, 3 + 1000 * 3)]        // epoch 2.5 of 10: C = 5, |8 − 5| = 3
    [InlineData(150, 20, 3 + 1000 * 12)]     // past the ramp: C = C_max = 20
    [InlineData(0, 0, 3 + 1000 * 8)]         // C = 0: γ·KL
    public void Capacity_Loss_Is_Reconstruction_Plus_Gamma_Times_Abs_Kl_Minus_C(long step, double c, double expected)
    {
        using var scope = NewDisposeScope();
        var value = Capacity(10, ScheduleUnit.Epochs).Evaluate(Terms(), new TrainingClock(step, 10, 1000));
        Assert.Equal(c, value.Terms[0].item<float>(), 5);
        Assert.Equal(expected, value.Loss.item<float>(), 2);
    }

    [Fact]
    public void Capacity_In_Steps_Rises_Per_Step_And_Pulls_The_Kl_Up_When_Below_C()
    {
        using var scope = NewDisposeScope();
        var objective = (CapacityObjective)Capacity(100, ScheduleUnit.Steps);
        Assert.Equal(10, objective.Capacity(new TrainingClock(50, 7, 700)), 10);
        var kl = tensor(new float[] { 6, 10 }).requires_grad_(true);
        var q = new DiagonalGaussian(zeros(2, 3), zeros(2, 3));
        var loss = objective.Evaluate(new ElboTerms(tensor(new float[] { -2, -4 }), kl, zeros(2, 3), q, zeros(2, 3)), new TrainingClock(50, 7, 700)).Loss;
        Assert.Equal(3 + 1000 * 2, loss.item<float>(), 2);   // |8 − 10|
        loss.backward();
        Assert.True(kl.grad!.allclose(full([2], -500f)), "below C the gradient raises the KL");
    }

    [Fact]
    public void A_Ramp_Longer_Than_The_Run_Is_Reported()
    {
        var warnings = Capacity(10, ScheduleUnit.Epochs).Check(new TrainingClock(50, 10, 50)).ToList();
        Assert.Contains(warnings, w => w.Contains("C will end at 10"));
        Assert.Empty(Capacity(5, ScheduleUnit.Epochs).Check(new TrainingClock(50, 10, 50)));
    }
}
