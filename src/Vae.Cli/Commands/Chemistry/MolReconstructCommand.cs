using System.Text;
using Vae.Applications.Chemistry;


namespace Vae.Cli.Commands.Chemistry;

public sealed class MolReconstructSettings : MolDecodingSettings
{
    [CommandOption("--data <SOURCE>")]
    [Description("Molecules to reconstruct, as smiles:<file>[[:column]] (default: the model's held-out test molecules).")]
    public string? Data { get; init; }

    [CommandOption("-n <N>")]
    [Description("Use the first N molecules (default: all). Also --n.")]
    public int? N { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Write input and decoded SMILES side by side (tab-separated) to this file.")]
    public string? Out { get; init; }
}

[Description("Encode molecules to z = mu(x), decode (greedily, or by beam search with --beam K; --grammar-mask for syntax-aware decoding) and print the exact-match reconstruction accuracy (and same-molecule accuracy, by canonical form).")]
public sealed class MolReconstructCommand(CliConsole console) : Command<MolReconstructSettings>
{
    public override int Execute(CommandContext context, MolReconstructSettings s, CancellationToken cancel)
    {
        if (s.N is < 1) throw new VaeException($"--n {s.N}: must be ≥ 1.");
        var decoding = s.Decoding();
        var (loaded, vae) = s.LoadSmiles();
        using var _ = loaded;
        var (molecules, leftOut) = s.Data is null ? (vae.ReadData().Test, 0) : MolModelSettings.ReadMolecules(s.Data, vae);
        if (s.N is int n) molecules = molecules.Take(n);
        var decoded = vae.Reconstruct(vae.Encode(molecules), decoding);
        var r = ReconstructionAccuracy.Compute(molecules.Smiles, decoded, vae.Vocabulary.Language);
        if (s.Out is not null)
            AtomicFile.WriteAllText(s.Out, "input\tdecoded\n" + string.Concat(molecules.Smiles.Zip(decoded, (a, b) => $"{a}\t{b}\n")));
        if (s.Json)
        {
            console.WriteJson(MolReconstructResult.From(r, leftOut, molecules.Name));
            return ExitCodes.Ok;
        }
        var sb = new StringBuilder();
        sb.AppendLine($"{molecules.Name}: {r.Count:N0} molecules{(leftOut > 0 ? $" ({leftOut:N0} left out: invalid or longer than {vae.MaxTokens} tokens)" : "")}");
        sb.AppendLine($"  exact-match reconstruction {r.ExactMatch:P1}  ({r.Exact:N0})");
        sb.AppendLine($"  same molecule              {r.SameMolecule:P1}  ({r.Same:N0}; canonical forms equal)");
        sb.AppendLine($"  tokens in place            {r.TokenAccuracy:P1}  ({r.TokensMatched:N0} of {r.Tokens:N0} input tokens decoded at their position)");
        console.Write(sb.ToString());
        return ExitCodes.Ok;
    }
}
