using System.Text;
using TorchSharp;
using TorchSharp.Modules;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Training;

/// <summary>
/// Adam (Kingma and Ba 2015, as torch.optim.Adam computes it) over all of a model's parameters laid
/// out in one contiguous buffer. Each parameter is re-pointed (Tensor.set_) at its slice of the
/// buffer and its gradient at its slice of a gradient buffer, into which autograd accumulates in
/// place; one update then costs a handful of kernels over one long vector instead of a dozen per
/// parameter, the gradient norm is a single reduction, and zeroing is one fill.
/// <para>
/// On an x86 CPU with FMA (float32 parameters in CPU memory) the update is fused: one pass in C#
/// over the vectors, split across the cores, whose square roots are libtorch's own (Intel MKL's
/// vsSqrt inside libtorch's CPU library, called a block at a time; it is not IEEE's correctly rounded
/// square root, so it is not rewritten). Every other operation is the one libtorch's kernels compute,
/// rounding included (a multiply-add where ATen's AVX2 kernels use one), so the fused step gives the
/// same bits as the eight-kernel form it replaces (tested, and checked once per process against that
/// form before it is used); on the reference model it is about five times faster (docs/results/
/// performance.md). Elsewhere (CUDA, other dtypes or CPUs, a failed check) the kernel form runs.
/// </para>
/// </summary>
public sealed partial class FlatAdam : IOptimizerState, IDisposable
{
    private const string Magic = "VAE-FLAT-ADAM-1";
    private readonly (string Name, Parameter Parameter, long Offset, long Count)[] entries;
    private readonly Tensor values, gradients, exp_avg, exp_avg_sq, denom;
    private readonly double beta1, beta2, eps;

    /// <param name="named">The parameters to optimise.</param>
    /// <param name="learningRate">Adam's step size.</param>
    /// <param name="beta1">The first moment's decay.</param>
    /// <param name="beta2">The second moment's decay.</param>
    /// <param name="eps">Added to the second moment's root.</param>
    /// <param name="fuse">Use the fused update where it is available (<see cref="Fused"/>); false keeps libtorch's kernels.</param>
    public FlatAdam(IEnumerable<(string Name, Parameter Parameter)> named, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, bool fuse = true)
    {
        var list = named.ToList();
        if (list.Count == 0) throw new ArgumentException("no parameters to optimise", nameof(named));
        var device = list[0].Parameter.device;
        var dtype = list[0].Parameter.dtype;
        long total = list.Sum(p => p.Parameter.numel());
        values = empty(total, dtype: dtype, device: device);
        gradients = zeros(total, dtype: dtype, device: device);
        exp_avg = zeros(total, dtype: dtype, device: device);
        exp_avg_sq = zeros(total, dtype: dtype, device: device);
        denom = zeros(total, dtype: dtype, device: device);
        entries = new (string, Parameter, long, long)[list.Count];
        long offset = 0;
        using (no_grad())
        {
            for (int i = 0; i < list.Count; i++)
            {
                var (name, p) = list[i];
                long n = p.numel();
                var slice = values.narrow(0, offset, n).view(p.shape);
                slice.copy_(p);
                p.set_(slice);
                p.grad = gradients.narrow(0, offset, n).view(p.shape);
                entries[i] = (name, p, offset, n);
                offset += n;
            }
        }
        LearningRate = learningRate;
        Fused = fuse && CanFuse(values);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    public double LearningRate { get; set; }

    /// <summary>Steps taken (for the bias corrections).</summary>
    public long StepCount { get; private set; }

    public void ZeroGrad() => gradients.zero_();

    /// <summary>The gradient's total norm (clipped to <paramref name="clip"/> when given), and the first parameter with a NaN or infinite gradient, if any.</summary>
    public (double Norm, string? BadParameter) CheckGradients(double? clip)
    {
        double norm = gradients.norm().item<float>();
        if (!double.IsFinite(norm))
            return (norm, entries.FirstOrDefault(e => !isfinite(gradients.narrow(0, e.Offset, e.Count)).all().item<bool>()).Name ?? "(unknown)");
        if (clip is double max && norm > max) gradients.mul_(max / (norm + 1e-6));
        return (norm, null);
    }

    /// <summary>Whether <see cref="Step"/> runs the fused update (see the class summary) rather than libtorch's kernels.</summary>
    public bool Fused { get; }

    public void Step()
    {
        using var noGrad = no_grad();
        StepCount++;
        var step = new Scalars(beta1, beta2, eps, LearningRate, StepCount);
        if (Fused) FusedUpdate(values, gradients, exp_avg, exp_avg_sq, denom, step);
        else KernelUpdate(values, gradients, exp_avg, exp_avg_sq, denom, step);
    }

    // The numbers of one update: the decays, ε, and the bias corrections 1 − β^t of step t.
    private readonly record struct Scalars(double Beta1, double Beta2, double Eps, double LearningRate, long Step)
    {
        public double Bias1 => 1 - Math.Pow(Beta1, Step);
        public double Bias2 => 1 - Math.Pow(Beta2, Step);
    }

    // torch.optim.Adam's update as libtorch's kernels: p, g, m, v and a scratch vector d.
    private static void KernelUpdate(Tensor p, Tensor g, Tensor m, Tensor v, Tensor d, Scalars s)
    {
        m.mul_(s.Beta1).add_(g, alpha: 1 - s.Beta1);
        v.mul_(s.Beta2).addcmul_(g, g, value: 1 - s.Beta2);
        d.copy_(v).sqrt_().div_(Math.Sqrt(s.Bias2)).add_(s.Eps);
        p.addcdiv_(m, d, value: -s.LearningRate / s.Bias1);
    }

    /// <summary>The state: a header, the step count, then the two moment vectors (float32, little-endian).</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(Magic);
        writer.Write(StepCount);
        writer.Write(values.numel());
        foreach (var t in new[] { exp_avg, exp_avg_sq })
        {
            var bytes = t.to(ScalarType.Float32).cpu().data<float>().ToArray();
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(bytes.AsSpan()));
        }
    }

    /// <summary>Restores a state <see cref="Save"/> wrote, checking that it fits this model.</summary>
    public void Load(byte[] bytes, string path)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        long count = values.numel();
        try
        {
            if (reader.ReadString() != Magic) throw new VaeException($"{path}: not an optimizer state of this toolkit.");
            long step = reader.ReadInt64();
            long n = reader.ReadInt64();
            if (n != count) throw new VaeException($"{path}: holds the state of {n} parameters; the model has {count}.");
            if (step < 0) throw new VaeException($"{path}: a negative step count ({step}).");
            if (reader.BaseStream.Length - reader.BaseStream.Position != 2 * count * sizeof(float))
                throw new VaeException($"{path}: the moment vectors are {reader.BaseStream.Length - reader.BaseStream.Position} bytes, not {2 * count * sizeof(float)} (damaged?).");
            foreach (var t in new[] { exp_avg, exp_avg_sq })
            {
                var data = new float[count];
                reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
                using var loaded = tensor(data);
                t.copy_(loaded);
            }
            StepCount = step;
        }
        catch (EndOfStreamException) { throw new VaeException($"{path}: ends early: the optimizer state is truncated."); }
        catch (Exception e) when (e is IOException or FormatException or DecoderFallbackException)
        {
            throw new VaeException($"{path}: not an optimizer state of this toolkit ({e.Message.Split('\n')[0].TrimEnd('.')}).");
        }
    }

    public void Dispose()
    {
        values.Dispose();
        gradients.Dispose();
        exp_avg.Dispose();
        exp_avg_sq.Dispose();
        denom.Dispose();
    }
}
