using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vae;

/// <summary>
/// Process settings made when the library loads, before libtorch does.
/// <para>
/// OMP_WAIT_POLICY=PASSIVE: libtorch's OpenMP threads otherwise spin while waiting for work. On a
/// machine whose cores are all busy (other jobs, other processes) spinning threads steal the time the
/// working ones need; measured here with the machine oversubscribed, one epoch of the reference model
/// ran at 78 examples/s with the default policy and at 5,356 examples/s with PASSIVE. A value the user
/// set is kept. (Set through libc's setenv: .NET's Environment.SetEnvironmentVariable does not reach
/// native code on Linux.)
/// </para>
/// </summary>
internal static partial class Runtime
{
#pragma warning disable CA2255 // a library-level process setting that must precede libtorch's loading: the documented use of a module initializer
    [ModuleInitializer]
    internal static void Initialize()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null) return;
        try { SetEnv("OMP_WAIT_POLICY", "PASSIVE", 0); }
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { }
    }
#pragma warning restore CA2255

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
