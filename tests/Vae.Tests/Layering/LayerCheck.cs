using System.Text.RegularExpressions;

namespace Vae.Tests.Layering;

/// <summary>
/// The folder layering of src/Vae (docs/DESIGN.md): which folders a folder's files may not reference.
/// A file references folder X when its code (comments and string text aside) holds <c>Vae.X</c>
/// (a using directive of any kind, or a qualified name) or a qualified name <c>X.Y</c> where Y is a
/// type or a namespace inside Vae.X (so <c>config.Data.Source</c>, a property, is not a reference).
/// </summary>
public static partial class LayerCheck
{
    /// <summary>
    /// Folder → the folders it must not reference. Core is the root namespace Vae, seen by every folder, and IO
    /// is file mechanics shared by all: Core references none of the others, IO none but Core.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Forbidden = new Dictionary<string, string[]>
    {
        ["Core"] = ["Applications", "Data", "Distributed", "Distributions", "Evaluation", "IO", "Models", "Nn", "Objectives", "Presets", "Reporting", "Runs", "Samplers", "Training", "Workflows"],
        ["IO"] = ["Applications", "Data", "Distributed", "Distributions", "Evaluation", "Models", "Nn", "Objectives", "Presets", "Reporting", "Runs", "Samplers", "Training", "Workflows"],
        ["Models"] = ["Training", "Data", "Reporting", "Evaluation", "Applications", "Samplers"],
        ["Distributions"] = ["Models", "Nn", "Data", "Training", "Samplers"],
        ["Nn"] = ["Models", "Data", "Training", "Distributions", "Samplers"],
        ["Data"] = ["Models", "Training", "Applications", "Samplers"],
        ["Evaluation"] = ["Training", "Samplers", "Applications"],
        ["Objectives"] = ["Training", "Samplers"],
        ["Training"] = ["Applications", "Samplers"],
        ["Reporting"] = ["Applications"],
        ["Runs"] = ["Training", "Evaluation", "Reporting", "Applications", "Samplers"],
        ["Presets"] = ["Training", "Evaluation", "Reporting", "Workflows", "Applications", "Samplers"],
        ["Workflows"] = ["Applications"],
        ["Samplers"] = ["Reporting", "Workflows", "Applications"],
        ["Distributed"] = ["Applications", "Data", "Distributions", "Evaluation", "Export", "IO", "Models", "Nn", "Objectives", "Presets", "Reporting", "Runs", "Samplers", "Training", "Workflows"],
        ["Export"] = ["Training", "Evaluation", "Reporting", "Workflows", "Applications", "Samplers", "Data"],
    };

    public sealed record Violation(string File, int Line, string Folder, string Referenced, string Code)
    {
        public override string ToString() => $"{File}:{Line}: {Folder} → {Referenced}: {Code}";
    }

    /// <summary>
    /// The references to forbidden folders in one file of <paramref name="folder"/>. <paramref name="members"/>
    /// gives, for each folder, the names directly inside its namespace (types and sub-namespaces).
    /// </summary>
    public static IEnumerable<Violation> Check(string file, string folder, string source, IReadOnlyDictionary<string, HashSet<string>> members)
    {
        if (!Forbidden.TryGetValue(folder, out var forbidden)) yield break;
        string code = CSharpCode.Blank(source);
        var lines = source.Split('\n');
        var declarations = NamespaceDeclaration().Matches(code).Select(m => (m.Index, End: m.Index + m.Length)).ToList();
        foreach (Match m in VaeQualified().Matches(code))
        {
            if (declarations.Any(d => m.Index >= d.Index && m.Index < d.End)) continue;
            string ns = m.Groups["ns"].Value;
            if (forbidden.Contains(ns)) yield return At(file, folder, ns, m.Index, code, lines);
        }
        foreach (Match m in BareQualified().Matches(code))
        {
            string ns = m.Groups["ns"].Value;
            if (forbidden.Contains(ns) && members.TryGetValue(ns, out var names) && names.Contains(m.Groups["member"].Value))
                yield return At(file, folder, ns, m.Index, code, lines);
        }
    }

    static Violation At(string file, string folder, string ns, int index, string code, string[] lines)
    {
        int line = code.AsSpan(0, index).Count('\n');
        return new Violation(file, line + 1, folder, ns, lines[line].Trim());
    }

    /// <summary>
    /// For each top folder of Vae's namespaces, the names directly inside it, read from the compiled
    /// library: Models → {VaeModel, ElboTerms, …}, Data → {Dataset, …, Shards}.
    /// </summary>
    public static Dictionary<string, HashSet<string>> MembersOf(System.Reflection.Assembly assembly)
    {
        var members = new Dictionary<string, HashSet<string>>();
        foreach (var type in assembly.GetTypes())
        {
            if (type.IsNested || type.Namespace is not { } ns || !ns.StartsWith("Vae.", StringComparison.Ordinal)) continue;
            var parts = ns.Split('.');
            string name = parts.Length > 2 ? parts[2] : type.Name.Split('`')[0];
            if (!members.TryGetValue(parts[1], out var set)) members[parts[1]] = set = [];
            set.Add(name);
        }
        return members;
    }

    /// <summary>Every violation in the .cs files of <paramref name="srcVae"/>'s folders, in file and line order.</summary>
    public static IReadOnlyList<Violation> CheckTree(string srcVae, IReadOnlyDictionary<string, HashSet<string>> members)
    {
        var found = new List<Violation>();
        foreach (var dir in Directory.GetDirectories(srcVae).Order(StringComparer.Ordinal))
        {
            string folder = Path.GetFileName(dir);
            if (folder is "bin" or "obj") continue;
            foreach (var path in Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                string relative = Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(srcVae))!, path).Replace('\\', '/');
                found.AddRange(Check(relative, folder, File.ReadAllText(path), members));
            }
        }
        return found;
    }

    // Vae.X as a namespace: using Vae.X; using static Vae.X.T; using A = Vae.X.T; global::Vae.X.T; Vae.X.T in code.
    [GeneratedRegex(@"(?<![\w.])Vae\s*\.\s*(?<ns>[A-Za-z_]\w*)")]
    private static partial Regex VaeQualified();

    // X.Y with X not itself qualified (not after '.', '?.', '::' or an identifier).
    [GeneratedRegex(@"(?<![\w.])(?<!::)(?<ns>[A-Z]\w*)\s*\.\s*(?<member>[A-Za-z_]\w*)")]
    private static partial Regex BareQualified();

    [GeneratedRegex(@"\bnamespace\s+[\w.\s]+?(?=[;{])")]
    private static partial Regex NamespaceDeclaration();
}
