namespace Vae.Distributed;

/// <summary>A peer did not take part in a collective operation in time: it hung, or stopped.</summary>
public sealed class RankTimeoutException(int rank, string message) : VaeException(message)
{
    /// <summary>The rank that gave up waiting.</summary>
    public int Rank { get; } = rank;
}
