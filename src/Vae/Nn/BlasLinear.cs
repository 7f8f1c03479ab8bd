using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Nn;

/// <summary>
/// Linear layers y = x Wᵀ + b whose three matrix products (forward, input gradient, weight
/// gradient) run in OpenBLAS's <c>cblas_sgemm</c> instead of libtorch's bundled BLAS, as a custom
/// autograd function. On this project's machine OpenBLAS multiplies the reference model's shapes
/// 1.2–1.8× faster than libtorch (docs/results/performance.md). It is used only when
/// <see cref="Enabled"/> is set, OpenBLAS is installed (<c>libopenblas.so.0</c>), and the tensors
/// are 2-D float32 on the CPU; anything else falls back to libtorch's own linear, so CUDA and other
/// dtypes are unaffected. The results agree with libtorch to float rounding (tested).
/// </summary>
public static partial class BlasLinear
{
    private const string Library = "libopenblas.so.0";
    private static readonly Lazy<bool> available = new(() => NativeLibrary.TryLoad(Library, out _));

    /// <summary>True when OpenBLAS can be loaded.</summary>
    public static bool Available => available.Value;

    private static readonly AsyncLocal<bool> enabled = new();

    /// <summary>
    /// Route eligible linear layers through OpenBLAS (default off). The setting belongs to the current
    /// execution flow (an <see cref="AsyncLocal{T}"/>, as libtorch's no-grad mode belongs to a thread):
    /// a verb or a test that sets it changes its own computations only, never another running at the same time.
    /// </summary>
    public static bool Enabled { get => enabled.Value; set => enabled.Value = value; }

    /// <summary>The layer applied to x [B, in]: through OpenBLAS when enabled and eligible, else the layer itself.</summary>
    public static Tensor Forward(Linear layer, Tensor x) => Enabled ? Route(layer, x) : layer.call(x);

    /// <summary>The layer applied to x [B, in] through OpenBLAS whatever <see cref="Enabled"/> says, when eligible and installed; else the layer itself.</summary>
    public static Tensor Route(Linear layer, Tensor x)
    {
        var weight = layer.weight!;
        if (!Eligible(x, weight) || !Available) return layer.call(x);
        return Function.apply(x, weight, layer.bias ?? (object)Missing.Value);
    }

    static bool Eligible(Tensor x, Tensor w) =>
        x.device_type == DeviceType.CPU && x.dtype == ScalarType.Float32 && w.dtype == ScalarType.Float32 && x.dim() == 2 && x.shape[0] > 0;

    // Placeholder for a missing bias: the autograd function counts only tensor arguments as inputs.
    private sealed class Missing { public static readonly Missing Value = new(); }

    private sealed class Function : autograd.SingleTensorFunction<Function>
    {
        public override string Name => "BlasLinear";

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = ((Tensor)vars[0]).contiguous();
            var w = ((Tensor)vars[1]).contiguous();
            var b = vars[2] as Tensor;
            int n = (int)x.shape[0], k = (int)x.shape[1], m = (int)w.shape[0];
            // y = x Wᵀ (+ b, added by sgemm's beta = 1 onto rows that start as b).
            var y = b is null ? empty(n, m) : b.expand(n, m).contiguous();
            Gemm(NoTrans, Trans, n, m, k, x, k, w, k, b is null ? 0f : 1f, y, m);
            ctx.save_for_backward([x, w]);
            ctx.save_data("input_grad", ((Tensor)vars[0]).requires_grad);
            ctx.save_data("bias", b is not null);
            return y;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
        {
            var saved = ctx.get_saved_variables();
            Tensor x = saved[0], w = saved[1];
            var g = gradOutput.contiguous();
            int n = (int)x.shape[0], k = (int)x.shape[1], m = (int)w.shape[0];
            Tensor? dx = null;
            if ((bool)ctx.get_data("input_grad"))
            {
                dx = empty(n, k);
                Gemm(NoTrans, NoTrans, n, k, m, g, m, w, k, 0f, dx, k);   // dX = G W
            }
            var dw = empty(m, k);
            Gemm(Trans, NoTrans, m, k, n, g, m, x, k, 0f, dw, k);        // dW = Gᵀ X
            var db = (bool)ctx.get_data("bias") ? g.sum(dim: 0) : null;
            return [dx!, dw, db!];
        }
    }

    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    // C [m, n] = A·B (A, B transposed as asked) + beta·C, all row-major float32 CPU tensors.
    static void Gemm(int transA, int transB, int m, int n, int k, Tensor a, int lda, Tensor b, int ldb, float beta, Tensor c, int ldc) =>
        cblas_sgemm(RowMajor, transA, transB, m, n, k, 1f, Data(a), lda, Data(b), ldb, beta, Data(c), ldc);

    static IntPtr Data(Tensor t) => TensorMemory.Address(t);

    [LibraryImport(Library)]
    private static partial void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha,
        IntPtr a, int lda, IntPtr b, int ldb, float beta, IntPtr c, int ldc);
}
