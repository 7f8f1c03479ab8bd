using System.Diagnostics;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Vae.Bench;

/// <summary>Matrix-multiply throughput: libtorch's own, and OpenBLAS's cblas_sgemm called directly (when the library is installed).</summary>
public static partial class Gemm
{
    /// <summary>A product C[m×n] = A[m×k] · B[k×n] (possibly with transposed operands in the real model; the FLOP count is the same).</summary>
    public sealed record Shape(string Name, int M, int K, int N)
    {
        public double Flops => 2.0 * M * K * N;
    }

    /// <summary>The products of one training step of an MLP with the given layer widths: forward, and backward (weights, and inputs except the first layer's).</summary>
    public static List<Shape> TrainingStep(int batch, int[] widths)
    {
        var shapes = new List<Shape>();
        for (int l = 0; l + 1 < widths.Length; l++)
        {
            int i = widths[l], o = widths[l + 1];
            shapes.Add(new($"fwd {i}->{o}", batch, i, o));
            shapes.Add(new($"dW {i}->{o}", o, batch, i));
            if (l > 0) shapes.Add(new($"dX {i}->{o}", batch, o, i));
        }
        return shapes;
    }

    /// <summary>GFLOP/s of libtorch running the shapes back to back (the median of several repetitions).</summary>
    public static double Libtorch(IReadOnlyList<Shape> shapes, double seconds = 2)
    {
        var pairs = shapes.Select(s => (randn(s.M, s.K), randn(s.K, s.N))).ToList();
        try
        {
            double flops = shapes.Sum(s => s.Flops);
            return Measure(() => { foreach (var (a, b) in pairs) using (a.mm(b)) { } }, flops, seconds);
        }
        finally { foreach (var (a, b) in pairs) { a.Dispose(); b.Dispose(); } }
    }

    /// <summary>GFLOP/s of OpenBLAS's cblas_sgemm on the shapes, or null when libopenblas is not installed.</summary>
    public static double? OpenBlas(IReadOnlyList<Shape> shapes, double seconds = 2)
    {
        if (!OpenBlasAvailable()) return null;
        var rng = new Random(1);
        var mats = shapes.Select(s => (A: Random(s.M * s.K, rng), B: Random(s.K * s.N, rng), C: new float[s.M * s.N])).ToList();
        double flops = shapes.Sum(s => s.Flops);
        return Measure(() =>
        {
            for (int i = 0; i < shapes.Count; i++)
            {
                var s = shapes[i];
                var (a, b, c) = mats[i];
                cblas_sgemm(101, 111, 111, s.M, s.N, s.K, 1f, a, s.K, b, s.N, 0f, c, s.N);   // row-major, no transposes
            }
        }, flops, seconds);
    }

    public static bool OpenBlasAvailable()
    {
        try { return NativeLibrary.TryLoad("libopenblas.so.0", out _); }
        catch (DllNotFoundException) { return false; }
    }

    static float[] Random(int n, Random rng) => Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();

    static double Measure(Action run, double flops, double seconds)
    {
        for (int i = 0; i < 5; i++) run();
        var rates = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds || rates.Count < 5)
        {
            var clock = Stopwatch.StartNew();
            int reps = 0;
            while (clock.Elapsed.TotalSeconds < 0.1) { run(); reps++; }
            rates.Add(flops * reps / clock.Elapsed.TotalSeconds / 1e9);
        }
        return Machine.Median(rates);
    }

    [LibraryImport("libopenblas.so.0")]
    private static partial void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha,
        float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc);
}
