using Vae.Objectives;

namespace Vae.Tests.Objectives;

public class KlScheduleTests
{
    static TrainingClock At(long step, long perEpoch = 100, long total = 1000) => new(step, perEpoch, total);

    [Fact]
    public void Constant_Schedule_Is_One()
    {
        Assert.Equal(1.0, KlSchedule.Constant.Weight(At(0)));
        Assert.Equal(1.0, KlSchedule.Constant.Weight(At(999)));
    }

    [Theory]
    [InlineData(0, 0.2)]
    [InlineData(100, 0.4)]     // one epoch of four: 0.2 + 0.8 / 4
    [InlineData(250, 0.7)]
    [InlineData(400, 1.0)]
    [InlineData(900, 1.0)]
    public void Linear_Warmup_Over_Epochs_Rises_From_Start_To_One(long step, double expected)
    {
        var s = new KlSchedule { Kind = KlScheduleKind.Linear, Start = 0.2, Length = 4 };
        Assert.Equal(expected, s.Weight(At(step)), 12);
    }

    [Fact]
    public void Linear_Warmup_Over_Steps_Uses_Steps()
    {
        var s = new KlSchedule { Kind = KlScheduleKind.Linear, Length = 50, Unit = ScheduleUnit.Steps };
        Assert.Equal(0.5, s.Weight(At(25)), 12);
        Assert.Equal(1.0, s.Weight(At(60)), 12);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(50, 0.4)]      // cycles of 250 steps rising over the first 125
    [InlineData(125, 1.0)]
    [InlineData(200, 1.0)]
    [InlineData(250, 0.0)]     // the second cycle starts again at 0
    [InlineData(300, 0.4)]
    [InlineData(999, 1.0)]
    public void Cyclical_Schedule_Follows_Fu_Et_Al(long step, double expected)
    {
        var s = new KlSchedule { Kind = KlScheduleKind.Cyclical, Cycles = 4, Ratio = 0.5 };
        Assert.Equal(expected, s.Weight(At(step)), 12);
    }

    [Fact]
    public void A_Warmup_Longer_Than_The_Run_Is_Reported_With_The_Final_Weight()
    {
        var s = new KlSchedule { Kind = KlScheduleKind.Linear, Length = 20 };
        var message = s.CheckFits(At(1000));
        Assert.NotNull(message);
        Assert.Contains("lasts 20 epochs but the run has 10", message);
        Assert.Contains("end at 0.500", message);
        Assert.Null(new KlSchedule { Kind = KlScheduleKind.Linear, Length = 10 }.CheckFits(At(1000)));
    }
}
