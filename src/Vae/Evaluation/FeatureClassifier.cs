using TorchSharp;
using TorchSharp.Modules;
using Vae.Data;
using Vae.IO;
using Vae.Models;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Evaluation;

/// <summary>
/// A classifier of the data's labels whose penultimate layer serves as the feature space of a
/// Fréchet distance (FID-style, in the spirit of Heusel et al. 2017, but with a network trained by
/// this project on the data set at hand instead of Inception on ImageNet). Architecture: two 3×3
/// convolutions with max-pooling (32 and 64 channels) then a 128-unit dense layer (the features) and
/// the output layer; trained with Adam on cross-entropy. Saved as a folder (weights + JSON summary).
/// </summary>
public sealed class FeatureClassifier : nn.Module<Tensor, Tensor>
{
    public const int FeatureSize = 128;
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly nn.Module<Tensor, Tensor>[] layers; // body's modules, run through CheckedConvolution
    private readonly Linear output;
    private readonly DataShape shape;

    public FeatureClassifier(DataShape shape, int classes, long seed) : base(nameof(FeatureClassifier))
    {
        if (!shape.IsImage || shape.Height < 8) throw new VaeException($"the feature classifier needs images; the data is {shape}.");
        this.shape = shape;
        CheckedConvolution.Prepare();
        int h = shape.Height / 4, w = shape.Width / 4;
        layers = [
            nn.Conv2d(shape.Channels, 32, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(64 * h * w, FeatureSize), nn.ReLU()];
        body = nn.Sequential(layers);
        output = nn.Linear(FeatureSize, classes);
        RegisterComponents();
        using var g = new Generator((ulong)seed);
        ParameterInit.Reset(this, g);
    }

    // x: [B, C·H·W] -> features [B, 128]
    public Tensor Features(Tensor x) => CheckedConvolution.Run(layers, x.view(-1, shape.Channels, shape.Height, shape.Width));

    // x: [B, C·H·W] -> logits [B, classes]
    public override Tensor forward(Tensor x) => output.call(Features(x));

    /// <summary>Trains on labelled data and returns the test accuracy.</summary>
    public double Fit(Dataset trainData, Dataset test, Device device, int epochs = 5, int batchSize = 128, int seed = 0, Action<string>? log = null)
    {
        if (trainData.Labels is null || test.Labels is null) throw new VaeException($"{trainData.Name}: the feature classifier needs labels.");
        this.to(device);
        using var opt = optim.Adam(parameters(), lr: 1e-3);
        using var g = new Generator((ulong)seed);
        using var x = trainData.ToTensor(device);
        using var y = tensor(trainData.Labels.Select(l => (long)l).ToArray()).to(device);
        for (int e = 0; e < epochs; e++)
        {
            this.train();
            using var order = randperm(trainData.Count, generator: g).to(device);
            for (int start = 0; start < trainData.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var idx = order.narrow(0, start, Math.Min(batchSize, trainData.Count - start));
                var loss = nn.functional.cross_entropy(forward(x.index_select(0, idx)), y.index_select(0, idx));
                opt.zero_grad();
                loss.backward();
                opt.step();
            }
            log?.Invoke($"classifier epoch {e + 1}/{epochs}: test accuracy {Accuracy(test, device):P2}");
        }
        return Accuracy(test, device);
    }

    public double Accuracy(Dataset data, Device device)
    {
        using var evaluating = EvaluationMode.Enter(this);
        int correct = 0;
        foreach (var (start, n) in MiniBatches.Ranges(data.Count, 1000))
        {
            var predicted = forward(data.Rows(start, n, device)).argmax(1).cpu().data<long>().ToArray();
            for (int i = 0; i < n; i++) if (predicted[i] == data.Labels![start + i]) correct++;
        }
        return (double)correct / data.Count;
    }

    /// <summary>Features of many examples (N×128, row-major), in batches.</summary>
    public float[] Features(float[] rows, Device device)
    {
        using var evaluating = EvaluationMode.Enter(this);
        int d = shape.Size, n = rows.Length / d;
        var result = new float[n * FeatureSize];
        foreach (var (start, m) in MiniBatches.Ranges(n, 1000))
        {
            var x = tensor(rows.AsSpan(start * d, m * d).ToArray(), [m, d]).to(device);
            Features(x).cpu().data<float>().CopyTo(result, start * FeatureSize);
        }
        return result;
    }

    /// <summary>Loads the classifier in <paramref name="dir"/>, or trains one on <paramref name="source"/>'s data and saves it there.</summary>
    public static (FeatureClassifier Classifier, double Accuracy) LoadOrTrain(string dir, DataOptions source, Device device, Action<string>? log = null)
    {
        string weights = Path.Combine(dir, "classifier.dat"), info = Path.Combine(dir, "classifier.json");
        var (train, test) = DataSources.LoadRaw(source);
        int classes = Math.Max(train.Labels?.Max() ?? 0, test.Labels?.Max() ?? 0) + 1;
        var classifier = new FeatureClassifier(train.Shape, classes, seed: 1);
        if (File.Exists(weights) && File.Exists(info))
        {
            var summary = Json.ReadFile<ClassifierInfo>(info, Json.Pretty);
            // Features of a classifier trained on other data would make the Fréchet distance meaningless, silently.
            if (!string.Equals(summary.Data, source.Source, StringComparison.Ordinal))
                throw new VaeException($"{dir}: the feature classifier there was trained on {summary.Data}, not on {source.Source}; give another --classifier folder (it is trained there on first use).");
            classifier.load(weights);
            classifier.to(device);
            return (classifier, summary.TestAccuracy);
        }
        log?.Invoke($"Training the feature classifier on {train.Name} (saved to {dir}) …");
        double accuracy = classifier.Fit(train, test, device, log: log);
        Directory.CreateDirectory(dir);
        classifier.save(weights);
        AtomicFile.WriteAllText(info, System.Text.Json.JsonSerializer.Serialize(new ClassifierInfo(source.Source, accuracy, 5, FeatureSize), Json.Pretty));
        return (classifier, accuracy);
    }

    public sealed record ClassifierInfo(string Data, double TestAccuracy, int Epochs, int Features);
}
