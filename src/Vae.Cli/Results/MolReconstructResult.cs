using Vae.Applications.Chemistry;

namespace Vae.Cli.Results;

/// <summary>The `vae mol reconstruct --json` object.</summary>
public sealed record MolReconstructResult(
    double ReconstructionAccuracy, double SameMolecule, double TokenAccuracy, int N, int Exact, int Same, int LeftOut, string Data)
{
    public static MolReconstructResult From(ReconstructionAccuracy r, int leftOut, string data) =>
        new(r.ExactMatch, r.SameMolecule, r.TokenAccuracy, r.Count, r.Exact, r.Same, leftOut, data);
}
