using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vae.Applications.Chemistry.Molfiles;
using Vae.IO;

namespace Vae.Applications.Chemistry.Collection;

/// <summary>
/// <c>smiles:all</c>: every molecule of the files Debian's rdkit-data ships (<see cref="RdkitMoleculeFile.All"/>),
/// SMILES files and SDF files alike, as canonical SMILES (<see cref="CanonicalSmiles"/>), each once (first file
/// and line wins), only those the checker accepts. Built once and cached (<see cref="CacheFile"/>, written
/// atomically); rebuilt when any source file's size or modification time changes. The held-out split is fixed
/// by a hash of the canonical SMILES (<see cref="IsHeldOut"/>), so it is the same on every machine and for
/// every seed.
/// </summary>
public sealed record RdkitMolecules(IReadOnlyList<string> Smiles, IReadOnlyList<int> FileOf, IReadOnlyList<RdkitFileCounts> Files)
{
    const string Header = "# vae smiles:all, format 1";

    /// <summary>VAE_MOLECULE_CACHE, else $XDG_CACHE_HOME/vae/molecules, else ~/.cache/vae/molecules.</summary>
    public static string CacheFolder =>
        Environment.GetEnvironmentVariable("VAE_MOLECULE_CACHE") is { Length: > 0 } d ? d
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x ? x
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "vae", "molecules");

    public static string CacheFile => Path.Combine(CacheFolder, "rdkit-all.tsv");

    /// <summary>The molecules under <paramref name="root"/>: from the cache when it matches the files, else built and cached.</summary>
    public static RdkitMolecules Load(string root, string? cacheFile = null, TextWriter? log = null)
    {
        cacheFile ??= CacheFile;
        var files = RdkitMoleculeFile.All;
        var stamps = files.Select(f => Stamp(Path.Combine(root, f.Path))).ToArray();
        if (TryReadCache(cacheFile, files, stamps) is { } cached) return cached;
        log?.WriteLine($"smiles:all: reading the molecule files of {root} (once; cached in {cacheFile}) …");
        var built = Build(root, files, stamps);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(cacheFile))!);
        AtomicFile.WriteAllText(cacheFile, built.ToCacheText());
        return built;
    }

    static (long Size, long Ticks) Stamp(string path) =>
        File.Exists(path) ? (new FileInfo(path).Length, File.GetLastWriteTimeUtc(path).Ticks) : (-1, 0);

    /// <summary>Reads the files (those absent are counted as size −1) and deduplicates their molecules by canonical form.</summary>
    public static RdkitMolecules Build(string root, IReadOnlyList<RdkitMoleculeFile> files, IReadOnlyList<(long Size, long Ticks)>? stamps = null)
    {
        stamps ??= files.Select(f => Stamp(Path.Combine(root, f.Path))).ToArray();
        var smiles = new List<string>();
        var fileOf = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var counts = new List<RdkitFileCounts>();
        for (int f = 0; f < files.Count; f++)
        {
            var (size, ticks) = stamps[f];
            if (size < 0) { counts.Add(new(files[f].Path, -1, 0, 0, 0, 0, 0, 0)); continue; }
            var (canonical, unreadable) = Canonical(Path.Combine(root, files[f].Path), files[f]);
            int invalid = 0, fresh = 0, duplicates = 0;
            foreach (var c in canonical)
            {
                if (c is null) invalid++;
                else if (seen.Add(c)) { fresh++; smiles.Add(c); fileOf.Add(f); }
                else duplicates++;
            }
            counts.Add(new(files[f].Path, size, ticks, canonical.Length + unreadable, unreadable, invalid, fresh, duplicates));
        }
        return new RdkitMolecules(smiles, fileOf, counts);
    }

    // The canonical form of every entry of a file (null when the checker rejects it), and how many SDF records could not be read.
    static (string?[] Canonical, int Unreadable) Canonical(string path, RdkitMoleculeFile file)
    {
        if (file.Format == MoleculeFileFormat.Sdf)
        {
            var records = SdfReader.Records(path).ToList();
            var molecules = records.Where(r => r.Molecule is not null).ToArray();
            var forms = new string?[molecules.Length];
            Parallel.For(0, molecules.Length, i => forms[i] = MolfileSmiles.Canonical(molecules[i].Molecule!, molecules[i].Title).Smiles);
            return (forms, records.Count - molecules.Length);
        }
        var entries = MoleculeFileCells.Read(path, file).ToArray();
        var result = new string?[entries.Length];
        Parallel.For(0, entries.Length, i => result[i] = CanonicalSmiles.Of(entries[i]));
        return (result, 0);
    }

    /// <summary>Whether a molecule is in the held-out test split: the first 8 bytes of the SHA-256 of its canonical SMILES (UTF-8), as a fraction of 2⁶⁴, below <paramref name="fraction"/>.</summary>
    public static bool IsHeldOut(string canonical, double fraction)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonical), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash) / 18446744073709551616.0 < fraction;
    }

    /// <summary>The molecules as a set (identifier: the file each came from first).</summary>
    public MoleculeSet ToMoleculeSet() =>
        new("rdkit-all", Smiles, FileOf.Select(f => (string?)Files[f].Path).ToArray(), [], []);

    string ToCacheText()
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var c in Files)
            sb.Append(CultureInfo.InvariantCulture, $"file\t{c.Path}\t{c.Size}\t{c.WriteTicks}\t{c.Entries}\t{c.Unreadable}\t{c.Invalid}\t{c.New}\t{c.Duplicates}\n");
        for (int i = 0; i < Smiles.Count; i++) sb.Append(Smiles[i]).Append('\t').Append(FileOf[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
        return sb.ToString();
    }

    // The cache, when it was made from these files at these sizes and times; null otherwise (or when it is damaged: then it is rebuilt).
    static RdkitMolecules? TryReadCache(string path, IReadOnlyList<RdkitMoleculeFile> files, IReadOnlyList<(long Size, long Ticks)> stamps)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var lines = Utf8Text.ReadLines(path).GetEnumerator();
            if (!lines.MoveNext() || lines.Current != Header) return null;
            var counts = new List<RdkitFileCounts>();
            for (int f = 0; f < files.Count; f++)
            {
                if (!lines.MoveNext()) return null;
                var cells = lines.Current.Split('\t');
                if (cells.Length != 9 || cells[0] != "file" || cells[1] != files[f].Path) return null;
                var v = cells[2..].Select(c => long.Parse(c, CultureInfo.InvariantCulture)).ToArray();
                if (v[0] != stamps[f].Size || v[1] != stamps[f].Ticks) return null;
                counts.Add(new(cells[1], v[0], v[1], (int)v[2], (int)v[3], (int)v[4], (int)v[5], (int)v[6]));
            }
            var smiles = new List<string>();
            var fileOf = new List<int>();
            while (lines.MoveNext())
            {
                var cells = lines.Current.Split('\t');
                if (cells.Length != 2) return null;
                int f = int.Parse(cells[1], CultureInfo.InvariantCulture);
                if (f < 0 || f >= files.Count || cells[0].Length == 0) return null;
                smiles.Add(cells[0]);
                fileOf.Add(f);
            }
            return smiles.Count == counts.Sum(c => c.New) ? new RdkitMolecules(smiles, fileOf, counts) : null;
        }
        catch (Exception e) when (e is FormatException or OverflowException or VaeException or IOException)
        {
            return null;
        }
    }
}
