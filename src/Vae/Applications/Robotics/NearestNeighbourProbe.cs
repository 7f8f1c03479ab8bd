using static TorchSharp.torch;

namespace Vae.Applications.Robotics;

/// <summary>
/// A nonparametric probe: each held-out row is predicted by the mean target of its k nearest
/// training rows (Euclidean distance on features standardised with the training mean and standard
/// deviation). Where the linear probe asks whether a variable is a linear function of the
/// representation, this asks whether it is a function of it at all.
/// </summary>
public static class NearestNeighbourProbe
{
    public static double[] Score(double[] trainX, double[] trainY, double[] testX, double[] testY, int features, int targets, int k = 10, int chunk = 512)
    {
        int nTrain = trainX.Length / features, nTest = testX.Length / features;
        if (nTrain < k) throw new VaeException($"a {k}-nearest-neighbour probe needs at least {k} training rows.");
        using var scope = NewDisposeScope();
        var xTrain = tensor(trainX, [nTrain, features]);
        var mean = xTrain.mean([0]);
        var std = xTrain.std(0).clamp_min(1e-12);
        xTrain = (xTrain - mean) / std;
        var xTest = (tensor(testX, [nTest, features]) - mean) / std;
        var yTrain = tensor(trainY, [nTrain, targets]);
        var predicted = new double[nTest * targets];
        for (int start = 0; start < nTest; start += chunk)
        {
            using var inner = NewDisposeScope();
            int n = Math.Min(chunk, nTest - start);
            var distances = cdist(xTest.narrow(0, start, n), xTrain);                 // [n, nTrain]
            var nearest = distances.topk(k, dim: 1, largest: false).indexes;           // [n, k]
            var mean_ = yTrain.index_select(0, nearest.flatten()).reshape(n, k, targets).mean([1]);
            mean_.contiguous().data<double>().ToArray().CopyTo(predicted, start * targets);
        }
        return LinearProbe.RSquared(testY, predicted, targets);
    }
}
