namespace Vae.Reliability;

/// <summary>How one fuzz case ended.</summary>
public enum FuzzOutcome { Read, ClearError, Failure }

/// <summary>A reader under test: a valid input to mutate, and what reading a (mutated) input does.</summary>
public abstract class FuzzTarget : IDisposable
{
    public abstract string Name { get; }

    /// <summary>Produces a mutated input from the valid one.</summary>
    public abstract void Prepare(Random rng);

    /// <summary>Reads the prepared input; throws what the reader throws.</summary>
    public abstract void Read();

    /// <summary>The most managed memory one case may allocate (512 MB unless the reader documents why it needs more).</summary>
    public virtual long MaxAllocatedBytes => 512L << 20;

    public virtual void Dispose() { }
}

/// <summary>The result of fuzzing one reader.</summary>
public sealed record FuzzSummary(string Target, int Cases, int Read, int ClearErrors, IReadOnlyList<string> Failures, double Seconds, long MaxAllocatedBytes);

public static class FuzzRunner
{
    /// <summary>
    /// Runs <paramref name="cases"/> mutated inputs through the target. A case passes when it reads or
    /// throws the reader's own <see cref="VaeException"/>; any other exception, a case slower than
    /// <paramref name="timeoutSeconds"/> or one allocating more than <paramref name="maxBytes"/> (default: the target's <see cref="FuzzTarget.MaxAllocatedBytes"/>) of managed memory is a failure.
    /// </summary>
    public static FuzzSummary Run(FuzzTarget target, int cases, int seed, double timeoutSeconds = 20, long? maxBytes = null)
    {
        long limit = maxBytes ?? target.MaxAllocatedBytes;
        var rng = new Random(seed);
        int read = 0, clear = 0;
        long maxAllocated = 0;
        var failures = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < cases; i++)
        {
            target.Prepare(rng);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var caseClock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                target.Read();
                read++;
            }
            catch (VaeException)
            {
                clear++;
            }
            catch (Exception e)
            {
                failures.Add($"case {i}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            maxAllocated = Math.Max(maxAllocated, allocated);
            if (caseClock.Elapsed.TotalSeconds > timeoutSeconds) failures.Add($"case {i}: took {caseClock.Elapsed.TotalSeconds:F1} s");
            if (allocated > limit) failures.Add($"case {i}: allocated {allocated >> 20} MB");
        }
        return new FuzzSummary(target.Name, cases, read, clear, failures, clock.Elapsed.TotalSeconds, maxAllocated);
    }
}
