using Vae.Applications.Chemistry;

namespace Vae.Cli.Commands.Chemistry;

/// <summary>Options of the mol verbs that decode latent points into SMILES: beam search and the grammar mask.</summary>
public class MolDecodingSettings : MolModelSettings
{
    [CommandOption("--beam <K>")]
    [Description("Beam search with K beams per molecule (default 1: greedy decoding).")]
    [DefaultValue(1)]
    public int Beam { get; init; } = 1;

    [CommandOption("--beam-score <SCORE>")]
    [Description("How the final beams are ranked: sum (default; the sum of the tokens' log-probabilities, <end> included) or mean (the sum over the length).")]
    [DefaultValue("sum")]
    public string BeamScore { get; init; } = "sum";

    [CommandOption("--grammar-mask")]
    [Description("Allow only tokens after which the prefix can still be completed into a SMILES string the parser accepts (branches and rings closed) within the length left, and <end> only after a complete one.")]
    public bool GrammarMask { get; init; }

    [CommandOption("--valence-mask")]
    [Description("The grammar mask plus a valence rule: no bond, branch or ring closure that gives an atom outside brackets more bond orders than its element allows.")]
    public bool ValenceMask { get; init; }

    /// <summary>The decoding these options ask for; bad values are one-line errors.</summary>
    public SmilesDecodingOptions Decoding()
    {
        if (Beam < 1) throw new VaeException($"--beam {Beam}: the number of beams must be ≥ 1.");
        bool mean = BeamScore.Trim().ToLowerInvariant() switch
        {
            "sum" => false,
            "mean" => true,
            _ => throw new VaeException($"--beam-score {BeamScore}: use sum or mean."),
        };
        return new SmilesDecodingOptions(Beam, GrammarMask, mean, ValenceMask);
    }
}
