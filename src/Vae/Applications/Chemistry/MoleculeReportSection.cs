using System.Diagnostics;
using System.Runtime.CompilerServices;
using Vae.Runs;
using Vae.Workflows.Reports;
using static Vae.Workflows.Reports.ReportText;

namespace Vae.Applications.Chemistry;

/// <summary>
/// The molecule section of the report of a SMILES model: `vae mol sample`'s validity, uniqueness and novelty of
/// prior samples, `vae mol reconstruct`'s exact-match reconstruction of held-out molecules, and examples of both.
/// </summary>
sealed class MoleculeReportSection : IModelReportSection
{
#pragma warning disable CA2255 // registering a plug-in before any entry point can build a report: what a module initializer is for
    [ModuleInitializer]
    internal static void Register() => ModelReportSections.Register(new MoleculeReportSection());
#pragma warning restore CA2255

    public string Title => "Molecules";

    public bool Applies(RunConfig config) => SmilesSource.Handles(config.Data.Source);

    public void Write(ModelReportContext c)
    {
        var clock = Stopwatch.StartNew();
        var vae = new SmilesVae(c.Loaded.Model, c.Loaded.Config, c.Device);
        var data = vae.ReadData();
        int n = c.Budget.Molecules;
        var sampled = vae.Sample(n, seed: 0);
        var generation = GenerationMetrics.Compute(sampled, data.Train.Smiles);
        var molecules = data.Test.Take(n);
        var decoded = vae.Reconstruct(vae.Encode(molecules));
        var r = ReconstructionAccuracy.Compute(molecules.Smiles, decoded, vae.Vocabulary.Language);
        c.Page.Note($"Computed as `vae mol sample --n {n}` and `vae mol reconstruct --n {n}` compute them: {N(n)} molecules decoded greedily from z ~ N(0, I) (seed 0), "
            + $"and the first {N(molecules.Count)} held-out molecules encoded (μ) and decoded ({Seconds(clock.Elapsed)}).");
        c.Page.Table(["measure", "value"],
        [
            ["validity of prior samples", $"{Percent(generation.Validity)} ({N(generation.Valid)} of {N(generation.Generated)})"],
            ["uniqueness", $"{Percent(generation.Uniqueness)} ({N(generation.Unique)} distinct valid molecules)"],
            ["novelty", $"{Percent(generation.Novelty)} ({N(generation.Novel)} not in the training set)"],
            ["exact-match reconstruction", $"{Percent(r.ExactMatch)} ({N(r.Exact)} of {N(r.Count)})"],
            ["same molecule (canonical forms equal)", $"{Percent(r.SameMolecule)} ({N(r.Same)})"],
            ["tokens in place", $"{Percent(r.TokenAccuracy)} ({N(r.TokensMatched)} of {N(r.Tokens)})"],
        ]);
        c.Page.Subheading("Example molecules");
        c.Page.Table(["prior sample (SMILES)", "valid"], sampled.Take(10).Select(s => (IReadOnlyList<string>)[s, CanonicalSmiles.Of(s) is null ? "no" : "yes"]).ToList());
        c.Page.Table(["held-out molecule", "decoded", "exact"], molecules.Smiles.Zip(decoded).Take(10).Select(p => (IReadOnlyList<string>)[p.First, p.Second, p.First == p.Second ? "yes" : "no"]).ToList());
    }

    static string Percent(double fraction) => F(100 * fraction, 1) + "%";
}
