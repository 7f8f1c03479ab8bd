using static TorchSharp.torch;

namespace Vae;

/// <summary>
/// The rows [<see cref="Start"/>, <see cref="Start"/> + <see cref="Count"/>) of a batch of <see cref="Total"/>
/// rows that this process computes, when a batch is split across processes (data-parallel training).
/// While a window is entered, the per-row noise of the reparameterization (ε of q(z|x)) is drawn for all
/// <see cref="Total"/> rows from the generator and this window's rows are kept, so every process draws
/// the numbers one process would draw for the whole batch and leaves its generator in the same state.
/// The window belongs to the execution flow that entered it (an AsyncLocal, as no-grad mode belongs
/// to a thread), so other computations are unaffected.
/// </summary>
public sealed record RowWindow(long Start, long Count, long Total)
{
    private static readonly AsyncLocal<RowWindow?> Current = new();

    /// <summary>Makes <paramref name="window"/> current until the result is disposed (null: no window).</summary>
    public static IDisposable Enter(RowWindow? window)
    {
        var previous = Current.Value;
        Current.Value = window;
        return new Restore(previous);
    }

    private sealed class Restore(RowWindow? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }

    /// <summary>
    /// <paramref name="draw"/>(<paramref name="shape"/>), or, inside a window whose rows are dimension
    /// <paramref name="rowDim"/> of <paramref name="shape"/>, the window's rows of a draw for the whole batch.
    /// </summary>
    public static Tensor Draw(long[] shape, int rowDim, Func<long[], Tensor> draw)
    {
        if (Current.Value is not { } w || w.Count == w.Total || shape.Length <= rowDim || shape[rowDim] != w.Count) return draw(shape);
        var whole = (long[])shape.Clone();
        whole[rowDim] = w.Total;
        return draw(whole).narrow(rowDim, w.Start, w.Count);
    }
}
