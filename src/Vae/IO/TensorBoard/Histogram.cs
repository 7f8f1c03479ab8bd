using Tensorboard;

namespace Vae.IO.TensorBoard;

/// <summary>TensorBoard's histogram message (<c>HistogramProto</c>): counts per bucket, each bucket named by its right edge.</summary>
public static class Histogram
{
    /// <summary>
    /// <paramref name="bins"/> equal-width buckets from min to max, as numpy.histogram(values, bins) counts them
    /// ([e_k, e_k+1), the last closed); the bucket limits are the right edges. As PyTorch's writer does, an empty first
    /// bucket whose limit is the least value comes before them (TensorBoard's first bucket reaches down to −DBL_MAX).
    /// Non-finite values are left out.
    /// </summary>
    public static HistogramProto Of(ReadOnlySpan<double> values, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, squares = 0;
        long n = 0;
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) continue;
            n++;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            sum += v;
            squares += v * v;
        }
        var proto = new HistogramProto { Num = n, Sum = sum, SumSquares = squares, Min = n == 0 ? 0 : min, Max = n == 0 ? 0 : max };
        if (n == 0) return proto;
        if (max == min) bins = 1;
        var edges = new double[bins + 1];
        double width = (max - min) / bins;
        for (int k = 0; k < bins; k++) edges[k] = min + width * k;
        edges[bins] = max;
        var counts = new double[bins];
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) continue;
            int k = width == 0 ? 0 : (int)Math.Min(bins - 1, (v - min) / width);
            // as numpy does: the bucket the edges (not the division) put v in
            if (v < edges[k]) k--;
            else if (k < bins - 1 && v >= edges[k + 1]) k++;
            counts[k]++;
        }
        proto.BucketLimit.Add(min);
        proto.Bucket.Add(0);
        for (int k = 0; k < bins; k++)
        {
            proto.BucketLimit.Add(edges[k + 1]);
            proto.Bucket.Add(counts[k]);
        }
        return proto;
    }
}
