using Vae.Applications.Chemistry;


namespace Vae.Cli.Commands.Chemistry;

public sealed class MolCheckSettings : CommonSettings
{
    [CommandArgument(0, "<file>")]
    [Description("A .smi file (one SMILES per line, optionally followed by a space or tab and a name; blank lines skipped) or a .csv/.tsv table with a SMILES column.")]
    public string File { get; init; } = "";

    [CommandOption("--column <COLUMN>")]
    [Description("In a .csv or .tsv file: the SMILES column, by header name or 0-based index (default: the column named like 'smiles', else the first).")]
    public string? Column { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object per line: smiles, valid, reason.")]
    public bool Json { get; init; }
}

[Description("Check that each SMILES in a file is a valid molecule (syntax, elements, valence, aromaticity) and say why not.")]
public sealed class MolCheckCommand(CliConsole console) : Command<MolCheckSettings>
{
    public override int Execute(CommandContext context, MolCheckSettings s, CancellationToken cancel)
    {
        int valid = 0, total = 0;
        foreach (string smiles in SmilesFileReader.Read(s.File, s.Column).Smiles)
        {
            var check = SmilesChecker.Check(smiles);
            total++;
            if (check.Valid) valid++;
            if (s.Json)
                console.WriteJson(new MolCheckResult(smiles, check.Valid, check.Reason));
            else
                console.WriteLine(CliConsole.Printable(check.Valid ? $"valid    {smiles}" : $"invalid  {smiles}  ({check.Reason})"));
        }
        if (!s.Json) console.WriteLine($"{valid:N0} of {total:N0} valid ({(total == 0 ? 0 : 100.0 * valid / total):F1}%)");
        return ExitCodes.Ok;
    }
}
