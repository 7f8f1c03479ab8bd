using Vae.Applications.Chemistry;

namespace Vae.Cli.Commands.Chemistry;

public sealed class MolPropsSettings : CommonSettings
{
    [CommandArgument(0, "<file>")]
    [Description("A .smi file (one SMILES per line, optionally followed by a name) or a .csv/.tsv table with a SMILES column.")]
    public string File { get; init; } = "";

    [CommandOption("--column <COLUMN>")]
    [Description("In a .csv or .tsv file: the SMILES column, by header name or 0-based index (default: the column named like 'smiles', else the first).")]
    public string? Column { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object per line: smiles, valid, reason, heavy_atoms, rings, tpsa, log_p, canonical.")]
    public bool Json { get; init; }
}

[Description("Print heavy-atom count, ring count, TPSA, Wildman-Crippen logP and the canonical form of each SMILES in a file (tab-separated, or JSON lines).")]
public sealed class MolPropsCommand(CliConsole console) : Command<MolPropsSettings>
{
    public override int Execute(CommandContext context, MolPropsSettings s, CancellationToken cancel)
    {
        if (!s.Json) console.WriteLine("smiles\tvalid\theavy_atoms\trings\ttpsa\tlogp\tcanonical");
        foreach (string smiles in SmilesFileReader.Read(s.File, s.Column).Smiles)
        {
            var p = MoleculeProperties.Of(smiles);
            if (s.Json)
                console.WriteJson(p);
            else
                console.WriteLine(string.Join('\t', CliConsole.Printable(smiles), p.Valid ? "1" : "0", p.HeavyAtoms, p.Rings,
                    p.Tpsa?.ToString("F2", CultureInfo.InvariantCulture) ?? "",
                    p.LogP?.ToString("F4", CultureInfo.InvariantCulture) ?? "", p.Canonical ?? ""));
        }
        return ExitCodes.Ok;
    }
}
