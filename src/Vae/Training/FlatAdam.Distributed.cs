using Vae.Distributed;
using static TorchSharp.torch;

namespace Vae.Training;

/// <summary>The optimizer's part in data-parallel training: the same start on every rank, and one gradient.</summary>
public sealed partial class FlatAdam
{
    private float[]? staging;   // the gradient and the control values, in host memory

    /// <summary>Rank 0's parameter values, Adam moments and step count copied to every rank.</summary>
    public void BroadcastFromRoot(Communicator ranks, TimeSpan? timeout = null)
    {
        if (!ranks.IsDistributed) return;
        using var noGrad = no_grad();
        foreach (var (t, name) in new[] { (values, "parameters"), (exp_avg, "Adam's first moments"), (exp_avg_sq, "Adam's second moments") })
        {
            var host = t.to(ScalarType.Float32).cpu().data<float>().ToArray();
            ranks.Broadcast<float>(host, $"the broadcast of rank 0's {name}", timeout);
            using var loaded = tensor(host).to(t.dtype).to(t.device);
            t.copy_(loaded);
        }
        long[] step = [StepCount];
        ranks.Broadcast<long>(step, "the broadcast of rank 0's step count", timeout);
        StepCount = step[0];
    }

    /// <summary>
    /// Scales this rank's gradient by <paramref name="weight"/> (its share of the batch's examples, so that
    /// the sum over ranks is the whole batch's mean gradient) and replaces it, and <paramref name="control"/>,
    /// by their sums over ranks, in one ring all-reduce through host memory (on CUDA too: the gradient is
    /// copied to the host and back). Every rank gets the same bits.
    /// </summary>
    public void AllReduceGradients(Communicator ranks, double weight, Span<float> control)
    {
        if (!ranks.IsDistributed) return;
        using var noGrad = no_grad();
        long count = values.numel();
        staging ??= new float[count + control.Length];
        if (staging.Length != count + control.Length) staging = new float[count + control.Length];
        gradients.mul_(weight);
        bool direct = TensorMemory.IsCpuFloat32(gradients);
        unsafe
        {
            if (direct) new Span<float>(TensorMemory.Floats(gradients), (int)count).CopyTo(staging);
            else gradients.to(ScalarType.Float32).cpu().data<float>().CopyTo(staging, 0);
            control.CopyTo(staging.AsSpan((int)count));
            ranks.AllReduceSum<float>(staging, "the gradient all-reduce");
            if (direct) staging.AsSpan(0, (int)count).CopyTo(new Span<float>(TensorMemory.Floats(gradients), (int)count));
            else
            {
                using var reduced = tensor(staging.AsSpan(0, (int)count).ToArray()).to(gradients.dtype).to(gradients.device);
                gradients.copy_(reduced);
            }
            staging.AsSpan((int)count).CopyTo(control);
        }
    }

    /// <summary>Bytes one gradient all-reduce moves per rank and direction (the gradient, float32).</summary>
    public long GradientBytes => values.numel() * sizeof(float);
}
