using Vae.Data;
using Vae.Reporting;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Workflows.Reports;

/// <summary>What a section of a model's report gets: the page, the loaded model, its test split, the device and the budget.</summary>
public sealed class ModelReportContext(HtmlReport page, LoadedModel loaded, Func<Dataset> test, Device device, ReportBudget budget, Action<string> step)
{
    readonly Lazy<Dataset> testSplit = new(test);

    public HtmlReport Page { get; } = page;
    public LoadedModel Loaded { get; } = loaded;
    public Device Device { get; } = device;
    public ReportBudget Budget { get; } = budget;

    /// <summary>The test split as the model is evaluated on it (loaded on first use).</summary>
    public Dataset Test => testSplit.Value;

    /// <summary>Says what the report is computing now (a line on the command's error stream).</summary>
    public void Step(string line) => step(line);
}

/// <summary>A section a domain pack adds to the report of its models (single-cell scores, molecule metrics).</summary>
public interface IModelReportSection
{
    /// <summary>The section's heading.</summary>
    string Title { get; }

    /// <summary>Whether the section is about models trained with this configuration (e.g. on its data source).</summary>
    bool Applies(RunConfig config);

    /// <summary>Computes and writes the section (its heading is already written; a <see cref="VaeException"/> becomes a note on the page).</summary>
    void Write(ModelReportContext context);
}

/// <summary>
/// The sections domain packs add to model reports, registered as data sources are: from a
/// <c>[ModuleInitializer]</c> in the pack's folder, so every entry point sees them.
/// </summary>
public static class ModelReportSections
{
    static readonly List<IModelReportSection> sections = [];
    static readonly Lock gate = new();

    public static void Register(IModelReportSection section)
    {
        lock (gate) sections.Add(section);
    }

    public static IReadOnlyList<IModelReportSection> For(RunConfig config)
    {
        lock (gate) return sections.Where(s => s.Applies(config)).ToList();
    }
}
