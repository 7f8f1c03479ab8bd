using Vae.Workflows.Reports;

namespace Vae.Cli.Commands;

public sealed class ReportSettings : CommonSettings
{
    [CommandArgument(0, "<folder>")]
    [Description("A model folder, the --out folder of `vae sweep` (a β sweep), or the runs folder of `experiments/run zoo` (<model>/seed-<s>/).")]
    public string Folder { get; init; } = "";

    [CommandOption("--out <FILE>")]
    [Description("The HTML file to write (default: report.html in the folder).")]
    public string? Out { get; init; }

    [CommandOption("--quick")]
    [Description("Small budgets for a fast page: NLL with K = 100 on 200 test examples, the diagnosis on 1,000, the latent plot of 1,000, 100 molecules, K = 20 per cell (default: K = 1000 on 1,000, 5,000, 5,000, 1,000 molecules, K = 100 per cell). Each section states its budget.")]
    public bool Quick { get; init; }
}

[Description("One self-contained HTML page (images inlined, nothing fetched) for a model folder — configuration, training curves, test evaluation, diagnosis, samples, reconstructions, interpolations, traversals, latent space, and the single-cell or molecule scores of such models — or for a β sweep (R–D curve, scores against β) or a zoo experiment (the comparison table, samples per model).")]
public sealed class ReportCommand(CliConsole console) : Command<ReportSettings>
{
    public override int Execute(CommandContext context, ReportSettings s, CancellationToken cancel)
    {
        var device = s.Setup();
        var budget = s.Quick ? ReportBudget.Quick : ReportBudget.Default;
        var result = Reports.Write(s.Folder, s.Out, device, budget, line => console.Err.WriteLine($"  {line}"));
        console.WriteLine($"Wrote {result.Path} ({result.Bytes / 1024.0:F0} KB; the report of {result.Kind switch { ReportFolderKind.Model => "a model", ReportFolderKind.Sweep => "a β sweep", _ => "a zoo experiment" }}, {budget.Name} budget).");
        return ExitCodes.Ok;
    }
}
