using System.Text;

namespace Vae.Bench;

/// <summary>The Markdown section `bench/run families` writes.</summary>
public static partial class FamiliesBench
{
    static string Document(string command, DateTime started, string load0, string load1, List<Family> families,
        Dictionary<(string, int), List<Measured>> toolkit, Dictionary<(string, int), List<Measured>> peer,
        Dictionary<string, Dictionary<string, double>> profiles, Dictionary<string, Dictionary<string, double>> peerProfiles,
        List<Importance> importance, StartUpTimes? startup, List<string> notes, Options o, string begin, string end)
    {
        var md = new StringBuilder();
        md.AppendLine(begin);
        md.AppendLine(begin == Begin ? "## 9. Every model family against a PyTorch peer" : $"### Section 9, part: `{command}`").AppendLine();
        md.AppendLine($"Measured {started:yyyy-MM-dd HH:mm} UTC with `{command}` on {Machine.Describe()}; PyTorch {PeerVersion()} (Debian's python3-torch), 2 threads, "
            + $"OPENBLAS_NUM_THREADS=1 as `bench/run performance` runs its peer. Load average (1, 5, 15 min) at the start: {load0}; at the end: {load1}.").AppendLine();
        double busiest = new[] { load0, load1 }.Max(l => double.Parse(l.Split(' ')[0], Inv));
        if (busiest > Environment.ProcessorCount)
            md.AppendLine($"**The machine was shared and busy (1-minute load up to {busiest:F1} on {Environment.ProcessorCount} cores): absolute rates are low and drift; the ratios compare runs made minutes apart, alternating, but a quiet re-run is needed before reading them as more than ±25 %.**").AppendLine();
        md.AppendLine("Each toolkit row is `./vae train` run as a process (options below, plus `--batch-size B --train-size B·steps --epochs 2 --val-size 0 --seed 1`); "
            + "its samples/s is the second epoch's (metrics.jsonl), its peak RSS the process's VmHWM and its wall time the whole process's, both from `/usr/bin/time`. "
            + "The peer (`bench/python/pytorch_families.py`) reads that run's config.json and the training split it used (`bench/run families-data` writes it as NPY), builds "
            + "the same modules with PyTorch's default initialisation (the scheme `Nn/ParameterInit` copies), the same loss and Adam 1e-3, and reports its second epoch the same way; "
            + $"runs alternate toolkit/peer, the order swapped every round; {o.Rounds} rounds, medians shown (all rounds in brackets). Target: toolkit/PyTorch ≥ 1.3 at the family's default batch size with peak RSS ≤ the peer's.").AppendLine();
        if (!o.ProfilesOnly) md.AppendLine("| family | `vae train` options | batch | steps/epoch | toolkit samples/s | PyTorch samples/s | toolkit / PyTorch | peak RSS toolkit / PyTorch (MB) | wall s toolkit / PyTorch | target |");
        if (!o.ProfilesOnly) md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var f in families)
            foreach (int b in f.Batches)
            {
                if (!toolkit.TryGetValue((f.Name, b), out var t) || !peer.TryGetValue((f.Name, b), out var p)) continue;
                double tr = Machine.Median(t.Select(r => r.Rate)), pr = Machine.Median(p.Select(r => r.Rate));
                double tm = Machine.Median(t.Select(r => r.PeakMb)), pm = Machine.Median(p.Select(r => r.PeakMb));
                string target = b != f.DefaultBatch ? "–" : (tr / pr >= 1.3 ? "speed met" : "speed **not met**") + (tm <= pm ? ", memory met" : ", memory **not met**");
                string opts = string.Join(" ", f.Args.Select(a => a.Contains("/.build/") ? a[..(a.IndexOf(':') + 1)] + ".build/" + a[(a.IndexOf("/.build/", StringComparison.Ordinal) + 8)..] : a));
                md.AppendLine($"| {f.Title} | `{opts}` | {b} | {(f.Whole ? $"{f.Steps} (all)" : Math.Max(10, (int)(f.Steps * o.StepScale)).ToString(Inv))} | {tr:N0} ({string.Join(", ", t.Select(r => r.Rate.ToString("N0", Inv)))}) | {pr:N0} ({string.Join(", ", p.Select(r => r.Rate.ToString("N0", Inv)))}) | **{tr / pr:F2}** | {tm:N0} / {pm:N0} | {Machine.Median(t.Select(r => r.Wall)):F1} / {Machine.Median(p.Select(r => r.Wall)):F1} | {target} |");
            }
        md.AppendLine();
        if (profiles.Count > 0)
        {
            md.AppendLine("### Where a step goes, per family").AppendLine();
            md.AppendLine("Milliseconds per step at the default batch size: the toolkit's trainer step (`bench/run families-profile RUN STEPS`: the model, data and objective of the run folder, "
                + "the steps of `Trainer.Steps.cs` with the clock read between phases, after 20 unmeasured steps) / the PyTorch peer's, timed the same way over its second epoch. "
                + "\"Zero the gradients and backward\" includes the toolkit's flat gradient buffer's `zero_`; \"gradient norm and NaN check\" is the toolkit's `CheckGradients` and the peer's `clip_grad_norm_(inf)` + `isfinite`.").AppendLine();
            md.AppendLine("| family | " + string.Join(" | ", ProfilePhases) + " | step |");
            md.AppendLine("|---|" + string.Concat(ProfilePhases.Select(_ => "---|")) + "---|");
            foreach (var f in families)
            {
                if (!profiles.TryGetValue(f.Name, out var own)) continue;
                peerProfiles.TryGetValue(f.Name, out var theirs);
                string Cell(string phase) => $"{own.GetValueOrDefault(phase):F2} / {(theirs is null ? "–" : theirs.GetValueOrDefault(phase).ToString("F2", Inv))}";
                md.AppendLine($"| {f.Name} | " + string.Join(" | ", ProfilePhases.Select(Cell)) + $" | **{own.Values.Sum():F2} / {(theirs is null ? "–" : theirs.Values.Sum().ToString("F2", Inv))}** |");
            }
            md.AppendLine();
        }
        foreach (var n in notes) md.AppendLine().AppendLine(n);
        md.AppendLine(end);
        return md.ToString();
    }

    static string ExtraDocument(string command, DateTime started, string load0, string load1, List<Importance> importance, StartUpTimes? startup)
    {
        var md = new StringBuilder();
        md.AppendLine(ExtraBegin);
        md.AppendLine($"Measured {started:yyyy-MM-dd HH:mm} UTC with `{command}` on the same machine; load average at the start: {load0}; at the end: {load1}.").AppendLine();
        if (importance.Count > 0)
        {
            md.AppendLine("### Importance-sampled log p(x), K = 5000").AppendLine();
            md.AppendLine("100 test examples × K = 5000: the toolkit's `MarginalLikelihood.Estimate` (what `vae eval --k 5000` runs) in a fresh process (`bench/run families-is RUN 5000 100`), "
                + "after a 2-example warm-up; the peer decodes each example's 5000 samples in one pass (no gradients). Samples/s = 100·5000 / seconds; peak RSS of each process.").AppendLine();
            md.AppendLine("| model | toolkit samples/s | PyTorch samples/s | toolkit / PyTorch | peak RSS toolkit / PyTorch (MB) |").AppendLine("|---|---|---|---|---|");
            foreach (var r in importance)
                md.AppendLine($"| {r.Model} | {Machine.Median(r.Toolkit):N0} | {Machine.Median(r.Peer):N0} | **{Machine.Median(r.Toolkit) / Machine.Median(r.Peer):F2}** | {Machine.Median(r.ToolkitMb):N0} / {Machine.Median(r.PeerMb):N0} |");
            md.AppendLine();
        }
        if (startup is not null)
        {
            md.AppendLine("### Start-up").AppendLine();
            md.AppendLine("Seconds on a warm build, 5 runs each: median wall time (all wall times in brackets) and median CPU time (user + system), since on a busy machine the wall time is mostly waiting for a core. "
                + "The one-step `vae train` (start-up, loading Fashion-MNIST, one step of batch 128, writing the model folder) bounds the time to the first training step from above.").AppendLine();
            md.AppendLine("| command | wall s | CPU s | target |").AppendLine("|---|---|---|---|");
            md.AppendLine($"| `./vae --help` | {Machine.Median(startup.Help.Select(t => t.Wall)):F2} ({Join(startup.Help.Select(t => t.Wall))}) | {Machine.Median(startup.Help.Select(t => t.Cpu)):F2} | < 1 s |");
            md.AppendLine($"| `./vae train --train-size 128 --batch-size 128 --epochs 1 --val-size 0` | {Machine.Median(startup.FirstStep.Select(t => t.Wall)):F2} ({Join(startup.FirstStep.Select(t => t.Wall))}) | {Machine.Median(startup.FirstStep.Select(t => t.Cpu)):F2} | < 2 s to the first step |");
            md.AppendLine($"| the same with `--model conv` | {Machine.Median(startup.FirstStepConv.Select(t => t.Wall)):F2} ({Join(startup.FirstStepConv.Select(t => t.Wall))}) | {Machine.Median(startup.FirstStepConv.Select(t => t.Cpu)):F2} | |");
            md.AppendLine($"| for comparison: `python3 -c \"import torch\"` (1.13) | {Machine.Median(startup.PythonImport.Select(t => t.Wall)):F2} ({Join(startup.PythonImport.Select(t => t.Wall))}) | {Machine.Median(startup.PythonImport.Select(t => t.Cpu)):F2} | |");
            md.AppendLine();
            if (startup.Phases.Count > 0)
            {
                md.AppendLine("Where the one-step `vae train` spends its start-up (`VAE_TRACE_STARTUP=1` marks the end of each phase; medians over the 5 runs, seconds from the process's start, and the process's peak resident memory by then):").AppendLine();
                md.AppendLine("| phase ends | wall s | CPU s | peak RSS MB |").AppendLine("|---|---|---|---|");
                foreach (var (phase, marks) in startup.Phases)
                    md.AppendLine($"| {phase} | {Machine.Median(marks.Select(t => t.Wall)):F2} | {Machine.Median(marks.Select(t => t.Cpu)):F2} | {Machine.Median(marks.Select(t => t.PeakMb)):N0} |");
                md.AppendLine();
            }
        }
        md.AppendLine(ExtraEnd);
        return md.ToString();
    }

    static string Join(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("F2", Inv)));

    static string PeerVersion()
    {
        try { return Timed("/usr/bin/python3", ["-c", "import torch; print(torch.__version__)"], PeerEnvironment).Output.Trim(); }
        catch (InvalidOperationException) { return "(not installed)"; }
    }
}
