using Vae.Data;
using Vae.Models;
using Vae.Training;
using static TorchSharp.torch;

namespace Vae.Samplers;

/// <summary>Fits a <see cref="CodePixelCnn"/> to code grids: the codes of the training data, by maximum likelihood with Adam.</summary>
public static class PixelCnnPriorTraining
{
    /// <summary>
    /// The code grids [N, L] (int64) a VQ-VAE assigns to the examples (the encoder in evaluation mode, on
    /// <paramref name="device"/>), in the data's order.
    /// </summary>
    public static Tensor Codes(VaeModel model, Dataset data, Device device, int batchSize = 1000)
    {
        var quantizer = model.Extension as VectorQuantizer
            ?? throw new VaeException("the pixelcnn sampler is a prior over a VQ-VAE's codes; this model has no quantizer (train one with --vq-codes).");
        var rows = new List<Tensor>();
        using var evaluating = EvaluationMode.Enter(model);
        foreach (var (_, _, batch) in data.Batches(batchSize, device))
            rows.Add(((QuantizedPosterior)model.Encode(batch)).Indices.MoveToOuterDisposeScope());
        var codes = rows.Count == 0 ? zeros([0, quantizer.Options.Positions], dtype: ScalarType.Int64, device: device) : cat(rows, dim: 0);
        foreach (var r in rows) r.Dispose();
        return codes;
    }

    /// <summary>
    /// Maximises Σ log p(k) over <paramref name="codes"/> [N, L] for <see cref="PixelCnnPriorOptions.Epochs"/> passes, each in an
    /// order drawn from <paramref name="generator"/>; returns the mean negative log-likelihood (nats per grid) of each epoch.
    /// </summary>
    public static double[] Fit(CodePixelCnn prior, Tensor codes, PixelCnnPriorOptions options, Generator generator, IProgress<string>? progress = null)
    {
        long n = codes.shape[0];
        if (n == 0) throw new VaeException("the pixelcnn prior has no codes to fit (the training data is empty).");
        prior.train();
        using var adam = new FlatAdam(prior.named_parameters(), options.LearningRate);
        var history = new double[options.Epochs];
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            double total = 0;
            using var order = randperm(n, generator: generator, device: codes.device);
            for (long start = 0; start < n; start += options.BatchSize)
            {
                using var scope = NewDisposeScope();
                long size = Math.Min(options.BatchSize, n - start);
                var batch = codes.index_select(0, order.narrow(0, start, size));
                var loss = -prior.LogProb(batch).mean();
                adam.ZeroGrad();
                loss.backward();
                adam.Step();
                total += loss.item<float>() * size;
            }
            history[epoch] = total / n;
            progress?.Report($"pixelcnn prior: epoch {epoch + 1}/{options.Epochs}, {history[epoch]:F3} nats per code grid");
        }
        prior.eval();
        return history;
    }
}
