using Vae.Reporting;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Workflows.Reports;

/// <summary>The kinds of folder `vae report` reads.</summary>
public enum ReportFolderKind { Model, Sweep, Zoo }

/// <summary>What `vae report` wrote.</summary>
public sealed record ReportResult(ReportFolderKind Kind, string Path, long Bytes);

/// <summary>`vae report`: one self-contained HTML page for a model folder, a β sweep or a zoo experiment.</summary>
public static class Reports
{
    public const string DefaultFile = "report.html";

    /// <summary>What kind of folder <paramref name="dir"/> is; a one-line error naming the folder and what was expected otherwise.</summary>
    public static ReportFolderKind KindOf(string dir)
    {
        if (File.Exists(dir)) throw new VaeException($"{dir}: is a file; vae report reads a folder: {Expected}.");
        if (!Directory.Exists(dir)) throw new VaeException($"{dir}: folder not found (expected {Expected}).");
        if (File.Exists(Path.Combine(dir, ModelFolder.ConfigFile))) return ReportFolderKind.Model;
        if (SweepReport.IsSweep(dir)) return ReportFolderKind.Sweep;
        if (ZooReport.IsZoo(dir)) return ReportFolderKind.Zoo;
        throw new VaeException($"{dir}: not a model folder, a β sweep or a zoo experiment (expected {Expected}).");
    }

    const string Expected = $"a model folder (with {ModelFolder.ConfigFile}), a β sweep (the --out folder of vae sweep: {SweepReport.PointsFile} or beta-<β>/ model folders) "
        + $"or a zoo experiment (<model>/seed-<s>/ model folders with {ZooReport.MeasuredFile})";

    /// <summary>Builds the page for <paramref name="dir"/> and writes it to <paramref name="output"/> (default: report.html in the folder).</summary>
    public static ReportResult Write(string dir, string? output, Device device, ReportBudget budget, Action<string>? step = null)
    {
        var kind = KindOf(dir);
        string path = output ?? Path.Combine(dir, DefaultFile);
        HtmlReport page = kind switch
        {
            ReportFolderKind.Model => ModelReport.Build(dir, device, new ModelReportOptions { Budget = budget }, step),
            ReportFolderKind.Sweep => SweepReport.Build(dir, device, budget, step),
            _ => ZooReport.Build(dir, device, budget, step),
        };
        string? parent = Path.GetDirectoryName(Path.GetFullPath(path));
        if (parent is not null) Directory.CreateDirectory(parent);
        page.Save(path);
        return new ReportResult(kind, path, new FileInfo(path).Length);
    }
}
