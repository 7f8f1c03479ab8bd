using System.Diagnostics;
using Vae.Applications.SingleCell;


namespace Vae.Cli.Commands.SingleCell;

public sealed class SimulateSettings : CommonSettings
{
    [CommandOption("--cells <N>")]
    [Description("Number of cells (default 5000).")]
    [DefaultValue(5000)]
    public int Cells { get; init; } = 5000;

    [CommandOption("--genes <G>")]
    [Description("Number of genes (default 2000).")]
    [DefaultValue(2000)]
    public int Genes { get; init; } = 2000;

    [CommandOption("--types <T>")]
    [Description("Cell types (default 5); the last is rare (2% of cells), type_1 carries a trajectory.")]
    [DefaultValue(5)]
    public int Types { get; init; } = 5;

    [CommandOption("--batches <B>")]
    [Description("Batches, each with its own gene-wise effect and sequencing depth (default 2).")]
    [DefaultValue(2)]
    public int Batches { get; init; } = 2;

    [CommandOption("--seed <S>")]
    [Description("Seed (default 0): the same seed gives the same files.")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Folder to write: matrix.mtx.gz, features.tsv.gz, barcodes.tsv.gz, metadata.csv (barcode, cell_type, batch, pseudotime, library_size), genes_truth.csv.")]
    public string? Out { get; init; }

    [CommandOption("--overwrite")]
    [Description("Replace the files of an earlier simulation in --out.")]
    public bool Overwrite { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object with the summary statistics.")]
    public bool Json { get; init; }
}

[Description("Simulate single-cell counts with known cell types (one rare), a trajectory, batches, varying library sizes, over-dispersion and excess zeros; write a 10x folder plus metadata.csv.")]
public sealed class SimulateCommand(CliConsole console) : Command<SimulateSettings>
{
    public override int Execute(CommandContext context, SimulateSettings s, CancellationToken cancel)
    {
        s.Setup();
        if (string.IsNullOrWhiteSpace(s.Out)) throw new VaeException("--out <dir>: say where to write the simulated data.");
        if (!s.Overwrite && (File.Exists(Path.Combine(s.Out, "matrix.mtx.gz")) || File.Exists(Path.Combine(s.Out, "matrix.mtx"))))
            throw new VaeException($"--out {s.Out}: already holds a matrix; pass --overwrite to replace it.");
        var options = new SimulationOptions { Cells = s.Cells, Genes = s.Genes, Types = s.Types, Batches = s.Batches, Seed = s.Seed };
        var clock = Stopwatch.StartNew();
        var sim = CountSimulator.Simulate(options);
        sim.Write(s.Out);
        double seconds = clock.Elapsed.TotalSeconds;
        var truth = sim.Truth;
        var summary = CountSummary.Of(new AnnotatedCells(sim.Counts,
            truth.CellType, truth.TypeNames, truth.Batch, Enumerable.Range(0, options.Batches).Select(SimulationTruth.BatchName).ToArray()));
        if (s.Json)
        {
            console.WriteJson(new ScSimulateResult(s.Out, options, summary));
            return ExitCodes.Ok;
        }
        console.WriteLine($"Simulated {options.Cells:N0} cells × {options.Genes:N0} genes (seed {options.Seed}) and wrote them to {s.Out}/ in {seconds:F1} s");
        console.WriteLine($"  matrix.mtx.gz, features.tsv.gz, barcodes.tsv.gz (10x), metadata.csv, genes_truth.csv");
        console.WriteLine(SummaryText.Of(summary));
        console.WriteLine($"Next: ./vae sc baseline --data 10x:{s.Out} --metadata {Path.Combine(s.Out, "metadata.csv")}");
        return ExitCodes.Ok;
    }
}
