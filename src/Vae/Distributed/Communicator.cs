using System.Diagnostics;
using System.Numerics;

namespace Vae.Distributed;

/// <summary>
/// The processes of one run and the collective operations the toolkit uses between them. A process
/// that was not started by <c>mpirun</c> is <see cref="Single"/>: rank 0 of 1, every collective a no-op,
/// so the code that trains or evaluates is written once. Under <c>mpirun</c> (Open MPI sets
/// <c>OMPI_COMM_WORLD_SIZE</c>) <see cref="World"/> initializes MPI on first use.
/// <para>
/// Every collective waits with a deadline: it starts non-blocking transfers and polls them, and when a
/// peer has not answered within <see cref="Timeout"/> it throws <see cref="RankTimeoutException"/>
/// naming the rank and the operation (the command line then stops every rank with MPI_Abort). A rank
/// that dies is noticed by <c>mpirun</c>, which stops the others.
/// </para>
/// <para>
/// Sums are deterministic and the same on every rank: <see cref="AllReduceSum{T}"/> is a ring all-reduce
/// (reduce-scatter then all-gather) whose additions happen in a fixed order for a given number of ranks,
/// each piece of the sum computed on one rank and copied to the others. (MPI_Allreduce leaves the order to
/// the implementation, and ranks could then take different optimizer steps.)
/// </para>
/// </summary>
public sealed unsafe class Communicator
{
    private const int RingTag = 7001;
    private readonly OpenMpi? mpi;

    private Communicator(OpenMpi? mpi, int rank, int size)
    {
        this.mpi = mpi;
        Rank = rank;
        Size = size;
    }

    /// <summary>One process on its own.</summary>
    public static Communicator Single { get; } = new(null, 0, 1);

    public int Rank { get; }
    public int Size { get; }
    public bool IsRoot => Rank == 0;
    public bool IsDistributed => Size > 1;

    /// <summary>How long a collective waits for a peer before giving up (default 30 s; <c>VAE_RANK_TIMEOUT</c> seconds).</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout();

    /// <summary>The ranks' share of <paramref name="total"/> rows: rank r gets [r·total/N, (r+1)·total/N).</summary>
    public (long Start, long Count) Share(long total) => ShareOf(total, Rank, Size);

    public static (long Start, long Count) ShareOf(long total, int rank, int size)
    {
        long start = total * rank / size, end = total * (rank + 1) / size;
        return (start, end - start);
    }

    private static readonly Lock Gate = new();
    private static Communicator? world;

    /// <summary>
    /// This process's communicator: <see cref="Single"/> unless started by mpirun with more than one rank,
    /// when MPI is initialized (once; <see cref="Shutdown"/> finalizes it).
    /// </summary>
    public static Communicator World
    {
        get
        {
            lock (Gate)
            {
                return world ??= Initialize();
            }
        }
    }

    /// <summary>The number of ranks mpirun started (OMPI_COMM_WORLD_SIZE), or 1 outside mpirun.</summary>
    public static int LaunchedRanks =>
        int.TryParse(Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE"), out int n) && n > 0 ? n : 1;

    private static Communicator Initialize()
    {
        if (LaunchedRanks <= 1) return Single;
        var mpi = OpenMpi.TryLoad() ?? throw new VaeException(
            $"this process was started by mpirun with {LaunchedRanks} ranks, but Open MPI's {OpenMpi.LibraryName} could not be loaded ({OpenMpi.LoadError}); install it with: apt-get install openmpi-bin libopenmpi-dev");
        int initialized, provided, rank, size;
        Check(mpi.Initialized(&initialized), "MPI_Initialized");
        if (initialized == 0) Check(mpi.InitThread(null, null, OpenMpi.ThreadSerialized, &provided), "MPI_Init_thread");
        Check(mpi.CommRank(mpi.CommWorld, &rank), "MPI_Comm_rank");
        Check(mpi.CommSize(mpi.CommWorld, &size), "MPI_Comm_size");
        return new Communicator(mpi, rank, size);
    }

    /// <summary>Finalizes MPI if this process initialized it (every rank calls it at the end of a successful run).</summary>
    public static void Shutdown()
    {
        lock (Gate)
        {
            if (world?.mpi is not { } mpi) return;
            int finalized;
            mpi.Finalized(&finalized);
            if (finalized == 0) mpi.Finalize();
        }
    }

    /// <summary>Stops every rank of the run at once (MPI_Abort); returns only when not distributed.</summary>
    public void Abort(int code)
    {
        if (mpi is null) return;
        mpi.Abort(mpi.CommWorld, code);
    }

    /// <summary>Every rank's <paramref name="values"/> replaced by their sum over ranks, the same bits on every rank.</summary>
    public void AllReduceSum<T>(Span<T> values, string what, TimeSpan? timeout = null) where T : unmanaged, INumber<T>
    {
        if (!IsDistributed || values.Length == 0) return;
        nint type = typeof(T) == typeof(float) ? mpi!.Float : typeof(T) == typeof(double) ? mpi!.Double
            : throw new ArgumentException($"no MPI type for {typeof(T).Name}");
        int n = Size, right = (Rank + 1) % n, left = (Rank + n - 1) % n;
        long length = values.Length;
        var received = new T[(length + n - 1) / n + 1];
        fixed (T* data = values)
        fixed (T* scratch = received)
        {
            // Reduce-scatter: after step s, chunk (r − s − 1) mod N holds the sum over s + 2 ranks.
            for (int s = 0; s < n - 1; s++)
            {
                var (sendStart, sendCount) = ShareOf(length, Mod(Rank - s, n), n);
                var (recvStart, recvCount) = ShareOf(length, Mod(Rank - s - 1, n), n);
                Exchange(data + sendStart, (int)sendCount, right, scratch, (int)recvCount, left, type, what, timeout);
                Add(new Span<T>(data + recvStart, (int)recvCount), new ReadOnlySpan<T>(scratch, (int)recvCount));
            }
            // All-gather: rank r holds the whole sum of chunk (r + 1) mod N; pass the sums round the ring.
            for (int s = 0; s < n - 1; s++)
            {
                var (sendStart, sendCount) = ShareOf(length, Mod(Rank + 1 - s, n), n);
                var (recvStart, recvCount) = ShareOf(length, Mod(Rank - s, n), n);
                Exchange(data + sendStart, (int)sendCount, right, data + recvStart, (int)recvCount, left, type, what, timeout);
            }
        }
    }

    private static int Mod(int a, int n) => ((a % n) + n) % n;

    // left[i] = received[i] + left[i]: one fixed order, so the sum's bits depend only on the number of ranks.
    private static void Add<T>(Span<T> into, ReadOnlySpan<T> received) where T : unmanaged, INumber<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
            for (; i + Vector<T>.Count <= into.Length; i += Vector<T>.Count)
                (new Vector<T>(received[i..]) + new Vector<T>(into[i..])).CopyTo(into[i..]);
        for (; i < into.Length; i++) into[i] = received[i] + into[i];
    }

    private void Exchange(void* send, int sendCount, int to, void* receive, int receiveCount, int from, nint type, string what, TimeSpan? timeout)
    {
        var requests = stackalloc nint[2];
        Check(mpi!.Irecv(receive, receiveCount, type, from, RingTag, mpi.CommWorld, &requests[0]), "MPI_Irecv");
        Check(mpi.Isend(send, sendCount, type, to, RingTag, mpi.CommWorld, &requests[1]), "MPI_Isend");
        Wait(requests, 2, what, $"rank {from}", timeout);
    }

    /// <summary>Rank 0's values copied to every rank (<paramref name="values"/> has the same length everywhere).</summary>
    public void Broadcast<T>(Span<T> values, string what, TimeSpan? timeout = null) where T : unmanaged =>
        BroadcastFrom(0, values, what, timeout);

    /// <summary>Rank <paramref name="root"/>'s values copied to every rank.</summary>
    public void BroadcastFrom<T>(int root, Span<T> values, string what, TimeSpan? timeout = null) where T : unmanaged
    {
        if (!IsDistributed) return;
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values);
        fixed (byte* data = bytes)
        {
            nint request;
            Check(mpi!.Ibcast(data, bytes.Length, mpi.Byte, root, mpi.CommWorld, &request), "MPI_Ibcast");
            Wait(&request, 1, what, Rank == root ? "a rank" : $"rank {root}", timeout);
        }
    }

    /// <summary>Every rank's bytes (of any length), in rank order, on every rank.</summary>
    public byte[][] AllGather(ReadOnlySpan<byte> mine, string what, TimeSpan? timeout = null)
    {
        if (!IsDistributed) return [mine.ToArray()];
        var lengths = new int[Size];
        int length = mine.Length;
        fixed (int* all = lengths)
        {
            nint request;
            Check(mpi!.Iallgather(&length, 1, mpi.Int, all, 1, mpi.Int, mpi.CommWorld, &request), "MPI_Iallgather");
            Wait(&request, 1, what, "a rank", timeout);
        }
        int width = lengths.Max();
        var padded = new byte[width];
        mine.CopyTo(padded);
        var gathered = new byte[width * Size];
        fixed (byte* send = padded)
        fixed (byte* receive = gathered)
        {
            nint request;
            Check(mpi.Iallgather(send, width, mpi.Byte, receive, width, mpi.Byte, mpi.CommWorld, &request), "MPI_Iallgather");
            Wait(&request, 1, what, "a rank", timeout);
        }
        return Enumerable.Range(0, Size).Select(r => gathered.AsSpan(r * width, lengths[r]).ToArray()).ToArray();
    }

    /// <summary>Waits until every rank has arrived.</summary>
    public void Barrier(string what, TimeSpan? timeout = null)
    {
        if (!IsDistributed) return;
        nint request;
        Check(mpi!.Ibarrier(mpi.CommWorld, &request), "MPI_Ibarrier");
        Wait(&request, 1, what, "a rank", timeout);
    }

    // Polls the requests until they complete or the deadline passes: spinning first, then yielding, then sleeping,
    // so a rank that waits long (for rank 0's checkpoint) does not take a core from the others.
    private void Wait(nint* requests, int count, string what, string peer, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Timeout;
        var clock = Stopwatch.StartNew();
        int done = 0;
        while (true)
        {
            Check(mpi!.Testall(count, requests, &done, null), "MPI_Testall");
            if (done != 0) return;
            if (clock.Elapsed > limit)
                throw new RankTimeoutException(Rank, $"rank {Rank}: no answer from {peer} within {limit.TotalSeconds:0.#} s during {what}; "
                    + "a rank has hung or stopped. Stopping every rank.");
            if (clock.Elapsed < PollWithoutSleeping) Thread.SpinWait(20);   // not Thread.Yield: on a busy machine it hands the core away for a whole time slice
            else Thread.Sleep(1);
        }
    }

    private static void Check(int code, string call)
    {
        if (code != OpenMpi.Success) throw new InvalidOperationException($"{call} failed with MPI error code {code}.");
    }

    /// <summary>
    /// How long a wait polls MPI in a spin (then it sleeps 1 ms between polls; default 20 ms, <c>VAE_RANK_POLL_MS</c>
    /// milliseconds). Open MPI moves a message only while a rank calls into it: over shared memory without single-copy
    /// (the containers' case, <see cref="MpiRun"/>) a gradient crosses in 32 KB fragments, so a sleeping rank slows the
    /// rest of a transfer. Spinning longer was measured on a shared 2-core machine (docs/results/distributed.md,
    /// "Scaling 1 → 2 ranks"): 2 s of spinning was faster in one of four pairs of runs and slower in three (perhaps
    /// because a spinning rank keeps its core from other jobs, which then crowd its partner's), so the default stays short.
    /// </summary>
    public static TimeSpan PollWithoutSleeping { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("VAE_RANK_POLL_MS"), System.Globalization.CultureInfo.InvariantCulture, out double ms) && ms >= 0
            ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromMilliseconds(20);

    private static TimeSpan DefaultTimeout() =>
        double.TryParse(Environment.GetEnvironmentVariable("VAE_RANK_TIMEOUT"), System.Globalization.CultureInfo.InvariantCulture, out double s) && s > 0
            ? TimeSpan.FromSeconds(s) : TimeSpan.FromSeconds(30);
}
