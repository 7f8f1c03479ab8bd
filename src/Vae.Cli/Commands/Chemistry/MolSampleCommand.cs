using Vae.Applications.Chemistry;


namespace Vae.Cli.Commands.Chemistry;

public sealed class MolSampleSettings : MolDecodingSettings
{
    [CommandOption("-n <N>")]
    [Description("Number of molecules to generate (default 1000). Also --n.")]
    [DefaultValue(1000)]
    public int N { get; init; } = 1000;

    [CommandOption("--seed <S>")]
    [Description("Seed of z ~ N(0, I) and of drawn tokens (default 0).")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--draw")]
    [Description("Draw each token from p(x_t | x_<t, z) instead of taking the most probable one (greedy, the default).")]
    public bool Draw { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Where to write the generated SMILES, one per line (default: samples.smi in the model folder).")]
    public string? Out { get; init; }
}

[Description("Decode z ~ N(0, I) into molecules; print validity, uniqueness and novelty (against the training molecules) and write the SMILES.")]
public sealed class MolSampleCommand(CliConsole console) : Command<MolSampleSettings>
{
    public override int Execute(CommandContext context, MolSampleSettings s, CancellationToken cancel)
    {
        if (s.N < 1) throw new VaeException($"--n {s.N}: must be ≥ 1.");
        var decoding = s.Decoding();
        var (loaded, vae) = s.LoadSmiles();
        using var _ = loaded;
        var smiles = vae.Sample(s.N, s.Seed, s.Draw, decoding);
        var m = GenerationMetrics.Compute(smiles, vae.ReadData().Train.Smiles);
        string path = s.Out ?? Path.Combine(s.ModelDir, "samples.smi");
        AtomicFile.WriteAllText(path, string.Concat(smiles.Select(x => x + "\n")));
        if (s.Json)
        {
            console.WriteJson(MolSampleResult.From(m, s.Draw, path));
            return ExitCodes.Ok;
        }
        console.WriteLine($"{m.Generated:N0} molecules from z ~ N(0, I), {(s.Draw ? "tokens drawn" : "greedy decoding")}:");
        console.WriteLine($"  validity   {m.Validity:P1}  ({m.Valid:N0} valid)");
        console.WriteLine($"  uniqueness {m.Uniqueness:P1}  ({m.Unique:N0} distinct valid molecules)");
        console.WriteLine($"  novelty    {m.Novelty:P1}  ({m.Novel:N0} not in the training set)");
        console.WriteLine($"SMILES: {path}");
        return ExitCodes.Ok;
    }
}
