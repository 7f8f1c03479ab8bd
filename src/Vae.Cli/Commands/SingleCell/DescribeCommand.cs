using Vae.Applications.SingleCell;

namespace Vae.Cli.Commands.SingleCell;

public sealed class DescribeSettings : CountDataSettings
{
    [CommandOption("--json")]
    [Description("Print one JSON object with the summary statistics.")]
    public bool Json { get; init; }
}

[Description("Summary statistics of a count matrix: size, zeros, counts per cell, genes detected, dispersion, and label and batch sizes from --metadata.")]
public sealed class DescribeCommand(CliConsole console) : Command<DescribeSettings>
{
    public override int Execute(CommandContext context, DescribeSettings s, CancellationToken cancel)
    {
        s.Setup();
        var cells = !s.HasColumns
            ? AnnotatedCells.Load(s.RequireData(), null, null, null, s.Layer)
            : AnnotatedCells.Load(s.RequireData(), s.Metadata, s.LabelKey, s.BatchColumn, s.Layer);
        var summary = CountSummary.Of(cells);
        if (s.Json)
        {
            console.WriteJson(summary);
            return ExitCodes.Ok;
        }
        console.WriteLine(cells.Counts.Source);
        console.WriteLine(SummaryText.Of(summary));
        return ExitCodes.Ok;
    }
}
