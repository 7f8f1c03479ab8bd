using Vae.Applications.Physics;
using Vae.Data;
using Vae.Models;
using Vae.Objectives;
using Vae.Runs;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Applications.Physics;

public class PhaseTransitionAnalysisTests : IDisposable
{
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    [Fact]
    public void Vae_On_Small_Lattices_Learns_The_Magnetization_And_Locates_The_Transition()
    {
        var options = new IsingSimulationOptions
        {
            Size = 8, Temperatures = IsingSimulationOptions.ParseTemperatures("1.0:3.5:0.25"), Samples = 120, PilotSweeps = 200, Seed = 4,
        };
        string data = tmp.File("data"), model = tmp.File("vae");
        IsingDataset.Write(data, IsingSimulator.Run(options));
        var config = new RunConfig
        {
            Model = new ModelOptions { Latent = 2, Network = new MlpNetwork { Hidden = [32] } },
            Data = new DataOptions { Source = "mnist:" + data, Binarize = BinarizeMode.None, ValidationSize = 0 },
            Objective = ObjectiveOptions.Elbo,
            Training = TrainingOptions.Default with { Epochs = 4, BatchSize = 32, LearningRate = 3e-3, Seed = 2 },
        };
        using (var trainer = Trainer.Start(config, model, CPU)) trainer.Run();
        using var loaded = ModelFolder.Load(model, CPU);
        var (test, examples) = IsingDataset.Load(data, "test");
        var (train, _) = IsingDataset.Load(data, "train");
        var r = PhaseTransitionAnalysis.Analyse(loaded.Model, test, examples, train, CPU, new PhaseTransitionAnalysisOptions { Bootstrap = 20 });

        Assert.True(r.CorrelationZM > 0.9, $"corr(z, m) = {r.CorrelationZM}");              // oriented by the all-up configuration
        Assert.True(r.CorrelationAbsZAbsM > 0.85, $"corr(|z|, |m|) = {r.CorrelationAbsZAbsM}");
        Assert.True(r.CorrelationPcaM > 0.99, $"corr(p1, m) = {r.CorrelationPcaM}");
        Assert.True(r.FlipAsymmetry < 0.5, $"asymmetry {r.FlipAsymmetry}");
        Assert.Equal(11, r.Points.Count);
        Assert.Equal(24, r.Points[0].Count);
        // ordered at low T, disordered at high T, for the VAE as for m
        Assert.True(r.Points[0].VaeAbsZ > 3 * r.Points[^1].VaeAbsZ);
        Assert.True(r.Points[0].Reconstruction < r.Points[^1].Reconstruction);
        var vae = r.Estimates.Single(e => e.Source == "vae" && e.Observable == "<|z|>");
        var mag = r.Estimates.Single(e => e.Source == "magnetization" && e.Observable == "<|m|>");
        Assert.InRange(vae.Value, 2.0, 3.0);                  // an 8×8 lattice's pseudo-critical point lies above T_c
        Assert.InRange(vae.Value - mag.Value, -0.3, 0.3);
    }

    [Fact]
    public void A_Shifted_And_Reversed_Linear_Encoder_Is_Centred_And_Oriented_By_The_Analysis()
    {
        // A linear encoder set by hand: μ₁ = 5 − 2m (symmetry point 5, the wrong sign), μ₂ = 3 (constant).
        // The analysis must find c = (5, 3), u = (−1, 0) from the all-up configuration, and z = 2m exactly
        // (the odd part of μ₁ is −2m; the raw coordinate −(μ₁ − 5) is 2m too, since this encoder is odd about c).
        var options = new IsingSimulationOptions { Size = 8, Temperatures = [1.5, 2.0, 2.5, 3.0, 3.5], Samples = 40, PilotSweeps = 200 };
        string data = tmp.File("data");
        IsingDataset.Write(data, IsingSimulator.Run(options));
        var (test, examples) = IsingDataset.Load(data, "test");
        var (train, _) = IsingDataset.Load(data, "train");
        using var model = new VaeModel(new ModelOptions { Network = new LinearNetwork(), Input = test.Shape, Latent = 2 }, seed: 1);
        var p = model.named_parameters().ToDictionary(kv => kv.name, kv => kv.parameter);
        using (no_grad())
        {
            var w = zeros(4, 64);
            w[0] = full(64, -4.0 / 64);     // μ₁ = 7 − 4 Σx / N = 5 − 2m, since Σx / N = (m + 1) / 2
            p["head.weight"].copy_(w);
            p["head.bias"].copy_(tensor(new float[] { 7, 3, 0, 0 }));
        }
        var r = PhaseTransitionAnalysis.Analyse(model, test, examples, train, CPU, new PhaseTransitionAnalysisOptions { Bootstrap = 0 });
        Assert.Equal(5.0, r.SymmetryPoint[0], 4);
        Assert.Equal(3.0, r.SymmetryPoint[1], 4);
        Assert.Equal(-1.0, r.LatentDirection[0], 6);
        Assert.Equal(0.0, r.LatentDirection[1], 6);
        Assert.Equal(1.0, r.DirectionShare, 6);
        Assert.Equal(0.0, r.FlipAsymmetry, 4);
        Assert.Equal(1.0, r.CorrelationZM, 6);
        Assert.Equal(1.0, r.CorrelationAbsZAbsM, 6);
        Assert.Equal(1.0, r.CorrelationRawZM, 6);
        for (int i = 0; i < test.Count; i++)
        {
            Assert.Equal(2 * examples[i].Magnetization, r.Z[i], 4);
            Assert.Equal(2 * examples[i].Magnetization, r.RawZ[i], 4);
        }
    }
}
