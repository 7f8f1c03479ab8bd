using Vae.Data;
using Vae.Evaluation;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Applications.Robotics;

/// <summary>
/// How much of the true state a representation holds, linearly: a <see cref="LinearProbe"/> from the
/// VAE's latent means μ(x) to the state variables is fitted on the training episodes and scored
/// (R²) on the held-out episodes; the same for the first d principal components of the pixels
/// (fitted on at most <see cref="PcaRows"/> training frames, evenly spaced), d the latent dimension.
/// A 10-nearest-neighbour probe on the same features tells whether a variable is there at all.
/// </summary>
public static class StateProbe
{
    public const int PcaRows = 8000;

    /// <summary>k of the nearest-neighbour probe.</summary>
    public const int Neighbours = 10;

    public static ProbeResult Run(VaeModel model, RobotData data, Device device)
    {
        if (model.Options.Input != data.Train.Shape)
            throw new VaeException($"{data.Directory}: the images are {data.Train.Shape} but the model expects {model.Options.Input}.");
        var system = data.System;
        var names = ProbeTargets.Names(system);
        int m = names.Length, d = model.Latent;
        var yTrain = ProbeTargets.Values(data.TrainStates, system);
        var yTest = ProbeTargets.Values(data.TestStates, system);

        var zTrain = Latents(model, data.Train, device);
        var zTest = Latents(model, data.Test, device);
        var vae = LinearProbe.Fit(zTrain, d, yTrain, m).Score(zTest, yTest);

        var pca = Pca.FitRandomized(EvenlySpaced(data.Train, PcaRows).Features, data.Train.Dimension, d, doublePrecision: true, oversampling: 10);
        var pTrain = pca.Transform(data.Train.Features);
        var pTest = pca.Transform(data.Test.Features);
        var pcaR2 = LinearProbe.Fit(pTrain, d, yTrain, m).Score(pTest, yTest);
        var vaeKnn = NearestNeighbourProbe.Score(zTrain, yTrain, zTest, yTest, d, m, Neighbours);
        var pcaKnn = NearestNeighbourProbe.Score(pTrain, yTrain, pTest, yTest, d, m, Neighbours);
        return new ProbeResult(names, vae, pcaR2, vaeKnn, pcaKnn, d, data.Train.Count, data.Test.Count);
    }

    public static double[] Latents(VaeModel model, Dataset data, Device device) =>
        Array.ConvertAll(Generation.Encode(model, data, device).Mean, v => (double)v);

    public static Dataset EvenlySpaced(Dataset data, int n) =>
        data.Count <= n ? data : data.Subset(Enumerable.Range(0, n).Select(i => (int)((long)i * data.Count / n)).ToArray());
}
