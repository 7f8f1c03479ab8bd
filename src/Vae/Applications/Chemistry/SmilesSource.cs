using Vae.Data;

namespace Vae.Applications.Chemistry;

/// <summary>
/// The <c>--data smiles:&lt;file&gt;[:column]</c> source, and the real molecule sets Debian's
/// <c>rdkit-data</c> package provides (<c>smiles:nci</c>, <c>smiles:wehi</c>, <c>smiles:chembl</c>),
/// installed on first use when the process may (root with apt-get). <c>smiles:all</c> is every molecule of
/// rdkit-data's SMILES and SDF files, deduplicated (<see cref="Collection.RdkitMolecules"/>).
/// </summary>
public static class SmilesSource
{
    public const string Prefix = "smiles:";
    public const string Package = "rdkit-data";

    /// <summary>Where rdkit-data puts its files (overridable by VAE_RDKIT_DATA_DIR, for tests and other layouts).</summary>
    public static string RdkitRoot =>
        Environment.GetEnvironmentVariable("VAE_RDKIT_DATA_DIR") is { Length: > 0 } d ? d : "/usr/share/RDKit";

    /// <summary>5,000 NCI molecules; <c>first_5k.tpsa.csv</c> beside it has their TPSA.</summary>
    public static string Nci5k => Path.Combine(RdkitRoot, "Data/NCI/first_5K.smi");

    /// <summary>The NCI molecules with their TPSA (Daylight and Ertl's tpsa.c) as column 1.</summary>
    public static string Nci5kTpsa => Path.Combine(RdkitRoot, "Data/NCI/first_5k.tpsa.csv");

    /// <summary>10,000 drug-like molecules (WEHI screening library).</summary>
    public static string Wehi => Path.Combine(RdkitRoot, "Data/Pains/test_data/wehi_mols.csv");

    /// <summary>About 1,000 ChEMBL molecules of one series (Free-Wilson example).</summary>
    public static string Chembl => Path.Combine(RdkitRoot, "Contrib/FreeWilson/data/CHEMBL2321810.smi");

    public static IReadOnlyDictionary<string, string> Shorthands => new Dictionary<string, string>
    {
        ["nci"] = Nci5k, ["nci-tpsa"] = Nci5kTpsa, ["wehi"] = Wehi, ["chembl"] = Chembl,
    };

    /// <summary>The shorthand of every molecule rdkit-data ships: <c>smiles:all</c>.</summary>
    public const string All = "all";

    /// <summary>True for <c>smiles:all</c>.</summary>
    public static bool IsAll(string source) => Handles(source) && source[Prefix.Length..].Equals(All, StringComparison.OrdinalIgnoreCase);

    public static bool Handles(string source) => source.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Splits <c>smiles:&lt;file&gt;[:column]</c> into the file and the column (null when not given).</summary>
    public static (string File, string? Column) Parse(string source)
    {
        if (!Handles(source)) throw new VaeException($"--data {source}: a SMILES source starts with '{Prefix}'.");
        string rest = source[Prefix.Length..];
        if (rest.Length == 0) throw new VaeException($"--data {source}: name a file, as smiles:<file>[:column], or one of {string.Join(", ", Shorthands.Keys)}, {All}.");
        if (File.Exists(rest) || Shorthands.ContainsKey(rest.ToLowerInvariant())) return (Resolve(rest), null);
        int colon = rest.LastIndexOf(':');
        if (colon > 0 && colon < rest.Length - 1) return (Resolve(rest[..colon]), rest[(colon + 1)..]);
        return (Resolve(rest), null);
    }

    static string Resolve(string file) => Shorthands.TryGetValue(file.ToLowerInvariant(), out var path) ? path : file;

    /// <summary>Reads the molecules a <c>smiles:</c> source names, installing rdkit-data for the default files when needed.</summary>
    public static MoleculeSet Load(string source, TextWriter? log = null)
    {
        if (IsAll(source))
        {
            DebianPackages.Ensure(Package, Nci5k, log ?? Console.Error);
            return Collection.RdkitMolecules.Load(RdkitRoot, log: log ?? Console.Error).ToMoleculeSet();
        }
        var (file, column) = Parse(source);
        if (file.StartsWith(RdkitRoot, StringComparison.Ordinal)) DebianPackages.Ensure(Package, file, log ?? Console.Error);
        return SmilesFileReader.Read(file, column);
    }
}
