using Vae.Data;
using Vae.Evaluation;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Tests.Evaluation;

public class GradientEstimatorsTests
{
    [Fact]
    public void Both_Estimators_Agree_In_Mean_And_The_Score_Function_Has_Far_More_Variance()
    {
        using var model = new VaeModel(TestModels.SmallMlp(input: 12, latent: 2) with { Network = new MlpNetwork { Hidden = [8] } }, seed: 3);
        var data = Fixtures.Uniform(16, DataShape.Vector(12), seed: 1).Binarized(2);
        var r = GradientEstimators.Compare(model, data.ToTensor(CPU), repetitions: 2000, seed: 4);
        Assert.True(r.MeanDistance < 4 * r.MeanDistanceStandardError, $"means differ by {r.MeanDistance}, standard error {r.MeanDistanceStandardError}");
        Assert.True(r.Ratio > 5, $"ratio {r.Ratio}");
        Assert.Equal(12 * 8 + 8 + 8 * 4 + 4, r.Parameters);
    }
}
