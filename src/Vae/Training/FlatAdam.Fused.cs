using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Training;

/// <summary>The fused update of <see cref="FlatAdam"/> (see its summary).</summary>
public sealed partial class FlatAdam
{
    private const int Chunk = 1 << 16;   // elements per parallel work item (a multiple of the vector width)
    private const int Block = 1024;      // elements whose square roots are taken together in the one-pass form

    private static bool CanFuse(Tensor values) => Fma.IsSupported && TensorMemory.IsCpuFloat32(values) && FusedAgrees.Value;

    // The same arithmetic as KernelUpdate, in float32 with the scalars rounded to float as ATen rounds them:
    //   m ← fma(g, 1−β1, m·β1)                 (mul_, then add_ with alpha: ATen's vectorised add is a multiply-add)
    //   v ← fma((1−β2)·g, g, v·β2)             (mul_, then addcmul_: self + value·t1·t2, contracted by ATen's build)
    //   d ← sqrt(v)                              (libtorch's kernel: Intel MKL's vsSqrt, called directly where it is found)
    //   p ← p + (−lr/b1 · m) / (d / √b2 + ε)     (div_, add_, addcdiv_: self + value·t1 / t2)
    // With vsSqrt callable (it is inside libtorch's CPU library on x86) all of it is one pass over the vectors, the
    // roots taken a block at a time; without it, two passes around libtorch's sqrt_.
    private static unsafe void FusedUpdate(Tensor values, Tensor gradients, Tensor momentum, Tensor squares, Tensor scratch, Scalars s)
    {
        float* p = TensorMemory.Floats(values), g = TensorMemory.Floats(gradients), m = TensorMemory.Floats(momentum),
            v = TensorMemory.Floats(squares), d = TensorMemory.Floats(scratch);
        float b1 = (float)s.Beta1, a1 = (float)(1 - s.Beta1), b2 = (float)s.Beta2, a2 = (float)(1 - s.Beta2);
        float root = (float)Math.Sqrt(s.Bias2), e = (float)s.Eps, size = (float)(-s.LearningRate / s.Bias1);
        long n = values.numel();
        if (MklSqrt.Value)
        {
            ForChunks(n, (start, end) =>
            {
                float* roots = stackalloc float[Block];
                for (long i = start; i < end; i += Block)
                {
                    long stop = Math.Min(end, i + Block);
                    Moments(g, m, v, roots - i, i, stop, b1, a1, b2, a2);
                    vsSqrt((int)(stop - i), roots, roots);
                    Update(p, m, roots - i, i, stop, root, e, size);
                }
            });
            return;
        }
        ForChunks(n, (start, end) => Moments(g, m, v, d, start, end, b1, a1, b2, a2));
        scratch.sqrt_();
        ForChunks(n, (start, end) => Update(p, m, d, start, end, root, e, size));
    }

    // Whether the fused update gives the kernel form's bits on this machine: three steps on 70,001 values (two
    // parallel chunks and a vector tail), gradients from 1e-6 to 10, checked once per process.
    private static readonly Lazy<bool> FusedAgrees = new(() =>
    {
        using var scope = NewDisposeScope();
        using var source = new Generator(17);
        var vectors = Enumerable.Range(0, 2).Select(_ => new[] { randn(70_001, generator: source), zeros(70_001), zeros(70_001), zeros(70_001), zeros(70_001) }).ToArray();
        vectors[1][0].copy_(vectors[0][0]);
        for (long t = 1; t <= 3; t++)
        {
            var g = randn(70_001, generator: source) * (randn(70_001, generator: source) * 3).exp() * 1e-2;
            var s = new Scalars(0.9, 0.999, 1e-8, 1e-3, t);
            foreach (var x in vectors) x[1].copy_(g);
            FusedUpdate(vectors[0][0], vectors[0][1], vectors[0][2], vectors[0][3], vectors[0][4], s);
            KernelUpdate(vectors[1][0], vectors[1][1], vectors[1][2], vectors[1][3], vectors[1][4], s);
        }
        return Enumerable.Range(0, 4).All(k => vectors[0][k].eq(vectors[1][k]).all().item<bool>());
    });

    // Whether MKL's vsSqrt can be called and gives libtorch's sqrt bit for bit (checked once, on values from 0 to 1e30).
    private static readonly Lazy<bool> MklSqrt = new(() =>
    {
        try
        {
            using var scope = NewDisposeScope();
            var x = cat([zeros(3), linspace(-45, 69, 4093).exp()]).to(ScalarType.Float32);
            var ours = x.clone();
            unsafe { vsSqrt((int)x.numel(), TensorMemory.Floats(ours), TensorMemory.Floats(ours)); }
            return ours.eq(x.sqrt()).all().item<bool>();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    });

    [LibraryImport("libtorch_cpu")]
    private static unsafe partial void vsSqrt(int n, float* a, float* y);

    // The chunks of [0, n) on as many threads as libtorch is allowed (`--threads`), so a run told to use one core uses one.
    private static void ForChunks(long n, Action<long, long> body)
    {
        long chunks = (n + Chunk - 1) / Chunk;
        int threads = Math.Max(1, torch.get_num_threads());
        if (chunks == 1 || threads == 1)
        {
            for (long c = 0; c < chunks; c++) body(c * Chunk, Math.Min(n, (c + 1) * Chunk));
            return;
        }
        Parallel.For(0L, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, c => body(c * Chunk, Math.Min(n, (c + 1) * Chunk)));
    }

    // m and v updated; v also copied to d (the square root is taken in place there).
    private static unsafe void Moments(float* g, float* m, float* v, float* d, long i, long end, float b1, float a1, float b2, float a2)
    {
        var B1 = Vector256.Create(b1); var A1 = Vector256.Create(a1); var B2 = Vector256.Create(b2); var A2 = Vector256.Create(a2);
        for (; i + 8 <= end; i += 8)
        {
            var gv = Avx.LoadVector256(g + i);
            var mv = Fma.MultiplyAdd(gv, A1, Avx.Multiply(Avx.LoadVector256(m + i), B1));
            var vv = Fma.MultiplyAdd(Avx.Multiply(A2, gv), gv, Avx.Multiply(Avx.LoadVector256(v + i), B2));
            Avx.Store(m + i, mv);
            Avx.Store(v + i, vv);
            Avx.Store(d + i, vv);
        }
        for (; i < end; i++)
        {
            m[i] = MathF.FusedMultiplyAdd(g[i], a1, m[i] * b1);
            d[i] = v[i] = MathF.FusedMultiplyAdd(a2 * g[i], g[i], v[i] * b2);
        }
    }

    private static unsafe void Update(float* p, float* m, float* d, long i, long end, float root, float eps, float size)
    {
        var R = Vector256.Create(root); var E = Vector256.Create(eps); var S = Vector256.Create(size);
        for (; i + 8 <= end; i += 8)
        {
            var denominator = Avx.Add(Avx.Divide(Avx.LoadVector256(d + i), R), E);
            Avx.Store(p + i, Avx.Add(Avx.LoadVector256(p + i), Avx.Divide(Avx.Multiply(S, Avx.LoadVector256(m + i)), denominator)));
        }
        for (; i < end; i++) p[i] = p[i] + size * m[i] / (d[i] / root + eps);
    }
}
