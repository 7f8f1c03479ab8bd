using System.Runtime.InteropServices;

namespace Vae.Distributed;

/// <summary>
/// Open MPI's C API (libmpi.so.40, Open MPI 4.x), called through function pointers resolved when the
/// library is loaded. Open MPI's handles are the addresses of global structs (<c>MPI_COMM_WORLD</c> is
/// <c>&amp;ompi_mpi_comm_world</c>, <c>MPI_FLOAT</c> is <c>&amp;ompi_mpi_float</c>, <c>MPI_SUM</c> is
/// <c>&amp;ompi_mpi_op_sum</c>), so they are the exports of those names. An <c>MPI_Request</c> is a pointer;
/// <c>MPI_STATUS(ES)_IGNORE</c> is null. The library is opened with RTLD_GLOBAL: Open MPI loads its
/// components as plugins that expect its own symbols to be global (NativeLibrary.Load opens it locally).
/// Only the calls the toolkit needs are bound (MPICH's handles are integers, so this is Open MPI's ABI only).
/// </summary>
internal sealed unsafe class OpenMpi
{
    public const string LibraryName = "libmpi.so.40";
    public const int ThreadSerialized = 2;   // MPI_THREAD_SERIALIZED in Open MPI's mpi.h
    public const int Success = 0;

    public readonly nint CommWorld, Float, Double, Byte, Int, OpSum, OpMax;

    public readonly delegate* unmanaged<int*, byte***, int, int*, int> InitThread;
    public readonly delegate* unmanaged<int*, int> Initialized;
    public readonly delegate* unmanaged<int*, int> Finalized;
    public readonly delegate* unmanaged<int> Finalize;
    public readonly delegate* unmanaged<nint, int*, int> CommRank;
    public readonly delegate* unmanaged<nint, int*, int> CommSize;
    public readonly delegate* unmanaged<nint, int, int> Abort;
    public readonly delegate* unmanaged<void*, int, nint, int, nint, int> Bcast;
    public readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, int> Allreduce;
    public readonly delegate* unmanaged<nint, int> Barrier;
    public readonly delegate* unmanaged<void*, int, nint, int, int, nint, nint*, int> Isend;
    public readonly delegate* unmanaged<void*, int, nint, int, int, nint, nint*, int> Irecv;
    public readonly delegate* unmanaged<void*, int, nint, int, nint, nint*, int> Ibcast;
    public readonly delegate* unmanaged<void*, int, nint, void*, int, nint, nint, nint*, int> Iallgather;
    public readonly delegate* unmanaged<nint, nint*, int> Ibarrier;
    public readonly delegate* unmanaged<int, nint*, int*, void*, int> Testall;

    private OpenMpi(nint library)
    {
        nint Export(string name) => NativeLibrary.GetExport(library, name);
        CommWorld = Export("ompi_mpi_comm_world");
        Float = Export("ompi_mpi_float");
        Double = Export("ompi_mpi_double");
        Byte = Export("ompi_mpi_byte");
        Int = Export("ompi_mpi_int");
        OpSum = Export("ompi_mpi_op_sum");
        OpMax = Export("ompi_mpi_op_max");
        InitThread = (delegate* unmanaged<int*, byte***, int, int*, int>)Export("MPI_Init_thread");
        Initialized = (delegate* unmanaged<int*, int>)Export("MPI_Initialized");
        Finalized = (delegate* unmanaged<int*, int>)Export("MPI_Finalized");
        Finalize = (delegate* unmanaged<int>)Export("MPI_Finalize");
        CommRank = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_rank");
        CommSize = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_size");
        Abort = (delegate* unmanaged<nint, int, int>)Export("MPI_Abort");
        Bcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)Export("MPI_Bcast");
        Allreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Export("MPI_Allreduce");
        Barrier = (delegate* unmanaged<nint, int>)Export("MPI_Barrier");
        Isend = (delegate* unmanaged<void*, int, nint, int, int, nint, nint*, int>)Export("MPI_Isend");
        Irecv = (delegate* unmanaged<void*, int, nint, int, int, nint, nint*, int>)Export("MPI_Irecv");
        Ibcast = (delegate* unmanaged<void*, int, nint, int, nint, nint*, int>)Export("MPI_Ibcast");
        Iallgather = (delegate* unmanaged<void*, int, nint, void*, int, nint, nint, nint*, int>)Export("MPI_Iallgather");
        Ibarrier = (delegate* unmanaged<nint, nint*, int>)Export("MPI_Ibarrier");
        Testall = (delegate* unmanaged<int, nint*, int*, void*, int>)Export("MPI_Testall");
    }

    private static OpenMpi? loaded;
    private static string? loadError;
    private static readonly Lock Gate = new();

    /// <summary>Open MPI's library, or null with the reason it could not be loaded (<see cref="LoadError"/>).</summary>
    public static OpenMpi? TryLoad()
    {
        lock (Gate)
        {
            if (loaded is not null || loadError is not null) return loaded;
            try
            {
                if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("Open MPI is supported on Linux only");
                nint handle = DlOpen(LibraryName, RtldNow | RtldGlobal);
                if (handle == 0) throw new DllNotFoundException(Marshal.PtrToStringUTF8(DlError()) ?? LibraryName);
                loaded = new OpenMpi(handle);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or PlatformNotSupportedException)
            {
                loadError = e.Message;
            }
            return loaded;
        }
    }

    public static string? LoadError => loadError;

    private const int RtldNow = 2, RtldGlobal = 0x100;

    [DllImport("libc", EntryPoint = "dlopen")]
    private static extern nint DlOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string file, int mode);

    [DllImport("libc", EntryPoint = "dlerror")]
    private static extern nint DlError();
}
