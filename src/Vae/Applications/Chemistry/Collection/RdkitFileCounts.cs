namespace Vae.Applications.Chemistry.Collection;

/// <summary>
/// What one file gave to <c>smiles:all</c>: entries read (SMILES cells or SDF records), records that could not be
/// read (malformed molfiles, skipped), molecules the checker rejects, molecules seen first in this file
/// (<see cref="New"/>) and molecules an earlier file or line already gave (<see cref="Duplicates"/>).
/// <see cref="Size"/> is −1 when the file is absent.
/// </summary>
public sealed record RdkitFileCounts(string Path, long Size, long WriteTicks, int Entries, int Unreadable, int Invalid, int New, int Duplicates);
