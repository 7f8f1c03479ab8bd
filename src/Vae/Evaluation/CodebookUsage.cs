using Vae.Data;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Evaluation;

/// <summary>
/// How a VQ-VAE uses its codebook on a data set: how often each of the K codes is chosen, overall and at each of the
/// L grid positions (<see cref="CodebookReport"/>). A VQ-VAE's encoder is deterministic, so I(x; z) = H(z), the
/// entropy of the code grids, estimated here by the plug-in entropy of the grids the examples get (at most log N);
/// its KL to the uniform prior over codes is the constant L log K. Also Var_x z_j of each of the L·e values of the
/// quantized code, for the covariance criterion of active units.
/// </summary>
public static class CodebookUsage
{
    /// <summary>Whether <paramref name="model"/> quantizes its code (has a <see cref="VectorQuantizer"/>).</summary>
    public static bool Applies(VaeModel model) => model.Extension is VectorQuantizer;

    public static CodebookReport Measure(VaeModel model, Dataset data, Device device, int batchSize = 1000)
    {
        var quantizer = model.Extension as VectorQuantizer ?? throw new VaeException("this model has no codebook (it is not a VQ-VAE).");
        int k = quantizer.Options.Codes, l = quantizer.Options.Positions;
        var counts = new long[l, k];
        var grids = new Dictionary<string, int>();
        int d = quantizer.Options.LatentSize;
        var sum = new double[d];
        var sumSquares = new double[d];
        using var evaluating = EvaluationMode.Enter(model);
        foreach (var (_, n, batch) in data.Batches(batchSize, device))
        {
            var q = (QuantizedPosterior)model.Encode(batch);
            var indices = q.Indices.cpu().data<long>().ToArray();
            var z = q.Quantized.to(ScalarType.Float64).cpu();
            Accumulate(z.sum(dim: 0).data<double>(), sum);
            Accumulate(z.square().sum(dim: 0).data<double>(), sumSquares);
            for (int i = 0; i < n; i++)
            {
                var row = indices.AsSpan(i * l, l);
                for (int p = 0; p < l; p++) counts[p, row[p]]++;
                string key = string.Join(',', row.ToArray());
                grids[key] = grids.GetValueOrDefault(key) + 1;
            }
        }
        int examples = data.Count;
        var variance = Enumerable.Range(0, d).Select(j => examples < 2 ? 0 : Math.Max(0, sumSquares[j] - sum[j] * sum[j] / examples) / (examples - 1)).ToArray();
        return new CodebookReport(k, quantizer.Options.Grid, counts, examples, Entropy(grids.Values.Select(c => (long)c)), grids.Count, variance);
    }

    static void Accumulate(TorchSharp.Utils.TensorAccessor<double> values, double[] into)
    {
        int j = 0;
        foreach (var v in values) into[j++] += v;
    }

    /// <summary>The entropy (nats) of the distribution with these counts.</summary>
    public static double Entropy(IEnumerable<long> counts)
    {
        var list = counts.Where(c => c > 0).ToList();
        double total = list.Sum();
        return total == 0 ? 0 : Math.Max(0, -list.Sum(c => c / total * Math.Log(c / total)));
    }
}
