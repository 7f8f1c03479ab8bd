namespace Vae.Tests.Distributed;

/// <summary>A test that runs ranks under mpirun: skipped, with the reason, where Open MPI is absent.</summary>
public sealed class MpiFactAttribute : FactAttribute
{
    public MpiFactAttribute()
    {
        if (MpiProcesses.Missing is { } why) Skip = $"needs Open MPI: {why}";
    }
}
