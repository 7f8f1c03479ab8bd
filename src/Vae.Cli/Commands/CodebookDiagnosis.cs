
namespace Vae.Cli.Commands;

/// <summary>`vae diagnose` of a VQ-VAE: its codebook usage per grid position and overall, instead of per-dimension KLs.</summary>
static class CodebookDiagnosis
{
    public static int Write(CliConsole console, DiagnoseSettings s, Vae.Models.VaeModel model, Dataset data, TorchSharp.torch.Device device)
    {
        var r = CodebookUsage.Measure(model, data, device);
        string plot = s.Plot ?? Path.Combine(s.ModelDir, "code_entropy.png");
        Plots.Bars(plot, r.PositionEntropy, $"Code entropy per grid position ({data.Name}, {r.Examples:N0} examples)", "grid position (raster order, 0-based)", "H(code) (nats)", s.Threshold);
        if (s.Json)
        {
            console.WriteJson(CodebookDiagnoseResult.From(r, s.Threshold));
            return ExitCodes.Ok;
        }
        console.WriteLine($"{s.ModelDir}: {data.Name}, {r.Examples:N0} examples; a VQ-VAE: {r.Codes} codes on a {r.Grid}×{r.Grid} grid");
        console.WriteLine("  pos   H(code)   perplexity   codes used   active");
        var entropy = r.PositionEntropy;
        var used = r.PositionUsedCodes;
        for (int p = 0; p < r.Positions; p++)
            console.WriteLine($"  {p,3}  {entropy[p],8:F3}  {Math.Exp(entropy[p]),11:F1}  {used[p],11}   {(entropy[p] > s.Threshold ? "yes" : "-"),6}");
        console.WriteLine($"  codebook: {r.UsedCodes} of {r.Codes} codes used, perplexity {r.Perplexity:F1} (over all positions); {r.DistinctGrids:N0} distinct code grids");
        console.WriteLine($"  KL to the uniform code prior: L log K = {r.KlToUniform:F2} nats for every x (a constant, not part of the loss)");
        console.WriteLine($"  active positions: {r.ActivePositions(s.Threshold)} of {r.Positions} by H(code) > {s.Threshold}; active units: {r.ActiveByVariance} of {r.Variance.Length} by Var > {CodebookReport.VarianceThreshold}; "
            + $"I(x;z) = H(z) ≈ {r.MutualInformation:F3} nats (plug-in, at most log N = {Math.Log(Math.Max(1, r.Examples)):F2})");
        console.WriteLine($"Verdict: {Names.Of(r.Verdict(s.Threshold))}");
        foreach (var reason in r.Reasons(s.Threshold)) console.WriteLine("  " + reason);
        console.WriteLine($"Bar chart: {plot}");
        return ExitCodes.Ok;
    }
}
