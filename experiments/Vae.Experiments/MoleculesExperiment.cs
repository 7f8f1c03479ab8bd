using System.Text.Json;
using static Vae.Experiments.Markdown;

namespace Vae.Experiments;

/// <summary>
/// The drug-design table: SMILES, SMILES with randomized spellings, and SELFIES SMILES VAEs on
/// <c>smiles:all</c> with the collapse remedy of docs/results/molecules.md (β = 0.05 with a warm-up,
/// word dropout), TPSA and logP heads, and a learning curve over the training set. Long: every run
/// checkpoints each epoch, and a run found unfinished is resumed (`vae train --resume`), so the
/// experiment survives being stopped and is simply started again. Each finished run is evaluated once
/// (experiment.json in its folder); the page is written from whatever is measured so far.
/// </summary>
public static class MoleculesExperiment
{
    public sealed record Spec(string Name, string Label, string[] Args, int? TrainSize = null);

    /// <summary>The runs: the three token languages on all training molecules, then the learning curve of the augmented SMILES model.</summary>
    public static IReadOnlyList<Spec> Specs(int epochs, int threads)
    {
        string[] common =
        [
            "--data", "smiles:all", "--model", "smiles", "--latent", "32", "--property", "tpsa,logp", "--property-weight", "5",
            "--val-size", "0", "--epochs", epochs.ToString(), "--beta", "0.05", "--kl-schedule", "linear", "--kl-warmup", "4",
            "--word-dropout", "0.1", "--threads", threads.ToString(), "--seed", "1",
        ];
        return
        [
            new("smiles", "SMILES", common),
            new("smiles-aug", "SMILES + randomized spellings", [.. common, "--augment", "randomized"]),
            new("selfies", "SELFIES", [.. common, "--tokens", "selfies"]),
            new("smiles-aug-25", "SMILES + randomized, 4,000 training molecules (24%)", [.. common, "--augment", "randomized", "--train-size", "4000"], 4000),
            new("smiles-aug-50", "SMILES + randomized, 8,000 training molecules (48%)", [.. common, "--augment", "randomized", "--train-size", "8000"], 8000),
        ];
    }

    /// <summary>Trains (or resumes) the selected runs of this shard, evaluates the finished ones, and returns the page (null with --train-only).</summary>
    public static string? Run(string runs, int epochs, int threads, int samples, string[] only, int shard, int shards, bool trainOnly, bool pageOnly, string command)
    {
        var specs = Specs(epochs, threads).Where(s => only.Length == 0 || only.Contains(s.Name)).ToList();
        if (!pageOnly)
        {
            for (int i = shard; i < specs.Count; i += shards)
            {
                string dir = Path.Combine(runs, specs[i].Name);
                Runs.TrainOrResume(dir, specs[i].Args);
                if (!trainOnly) Evaluate(dir, samples);
            }
            if (trainOnly || shards > 1) return null;
        }
        var measured = specs.Select(s => (s, Read(Path.Combine(runs, s.Name)))).ToList();
        return Page(measured, runs, epochs, samples, command);
    }

    const int Version = 2;

    /// <summary>The measurements of a finished run, cached in experiment.json (measured again when the cache is older than this code's version).</summary>
    static void Evaluate(string dir, int samples)
    {
        string path = Path.Combine(dir, "experiment.json");
        if (!Runs.Finished(dir) || (Read(dir) is { } old && old.GetProperty("version").GetInt32() == Version && old.GetProperty("samples").GetInt32() == samples)) return;
        bool selfies = Vae.Runs.ModelFolder.ReadConfig(dir).Data.Tokens == Vae.Data.TokenLanguage.Selfies;
        var o = new Dictionary<string, object>
        {
            ["version"] = Version,
            ["samples"] = samples,
            ["greedy"] = Cli.Json("mol", "reconstruct", dir, "--json"),
            ["beam"] = Cli.Json("mol", "reconstruct", dir, "--beam", "5", "--json"),
            ["prior"] = Cli.Json("mol", "sample", dir, "--n", samples.ToString(), "--json", "--out", Path.Combine(dir, "samples-prior.smi")),
            ["prior_drawn"] = Cli.Json("mol", "sample", dir, "--n", samples.ToString(), "--draw", "--json", "--out", Path.Combine(dir, "samples-drawn.smi")),
            ["tpsa"] = Cli.Json("mol", "predict", dir, "--property", "tpsa", "--json"),
            ["logp"] = Cli.Json("mol", "predict", dir, "--property", "logp", "--json"),
            ["optimize_logp"] = Cli.Json("mol", "optimize", dir, "--property", "logp", "--direction", "up", "--steps", "50", "--start", "100", "--json",
                "--out", Path.Combine(dir, "optimize_logp.tsv")),
            ["diagnose"] = Cli.Json("diagnose", dir, "--json"),
            ["training"] = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "state.json"))).RootElement.Clone(),
        };
        if (!selfies)
        {
            // SMILES decoding under the grammar and valence masks (a SELFIES model decodes under its own rule always).
            o["beam_masked"] = Cli.Json("mol", "reconstruct", dir, "--beam", "5", "--grammar-mask", "--json");
            o["prior_masked"] = Cli.Json("mol", "sample", dir, "--n", samples.ToString(), "--grammar-mask", "--valence-mask", "--json",
                "--out", Path.Combine(dir, "samples-prior-masked.smi"));
        }
        string tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(o, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(tmp, path, overwrite: true);
    }

    static JsonElement? Read(string dir)
    {
        string path = Path.Combine(dir, "experiment.json");
        return File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone() : null;
    }

    static string Pct(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? F(100 * v.GetDouble(), 1) + "%" : "–";
    static string Num(JsonElement e, string name, int digits = 2) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? F(v.GetDouble(), digits) : "–";

    // How the augmented SMILES model's numbers grow with the training molecules (the runs with --train-size and the full one).
    static void LearningCurve(Markdown md, List<(Spec Spec, JsonElement? Result)> measured, string runs)
    {
        var curve = measured.Where(m => m.Spec.Name.StartsWith("smiles-aug", StringComparison.Ordinal) && m.Result is not null).ToList();
        if (curve.Count < 2) return;
        var rows = new List<string[]>();
        foreach (var (spec, r) in curve.OrderBy(m => m.Spec.TrainSize ?? int.MaxValue))
        {
            var e = r!.Value;
            int n = spec.TrainSize ?? Vae.Data.DataSources.Load(Vae.Runs.ModelFolder.ReadConfig(Path.Combine(runs, spec.Name)).Data).Train.Count;
            rows.Add([n.ToString("N0"), Pct(e.GetProperty("greedy"), "reconstruction_accuracy"), Pct(e.GetProperty("beam"), "reconstruction_accuracy"),
                Pct(e.GetProperty("prior"), "validity"), e.TryGetProperty("prior_masked", out var pm) ? Pct(pm, "validity") : "–",
                Num(e.GetProperty("tpsa"), "mae"), Num(e.GetProperty("logp"), "mae"), Num(e.GetProperty("diagnose"), "kl_total", 1)]);
        }
        md.Line("## Learning curve (SMILES + randomized spellings)").Line()
          .Line("The same model and budget (20 epochs) on the first 4,000 and 8,000 training molecules and on all of them; held-out molecules as above.").Line();
        md.Table(["training molecules", "exact reconstruction, greedy", "beam 5", "valid prior samples", "valid, masks", "TPSA MAE", "logP MAE", "KL (nats)"], rows);
    }

    static string Page(List<(Spec Spec, JsonElement? Result)> measured, string runs, int epochs, int samples, string command)
    {
        var md = new Markdown();
        md.Line("# Molecules: the SMILES VAE on every molecule of rdkit-data").Line()
          .Line($"Written by `{command}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; model folders in `{runs}/`. Each run trains {epochs} epochs on")
          .Line("`smiles:all` (the held-out 10% is fixed by a hash of each canonical SMILES) with the collapse remedy of")
          .Line("[molecules.md](molecules.md) (β = 0.05 reached by a linear warm-up over 4 epochs, word dropout 0.1), a joint head for")
          .Line("TPSA and Wildman–Crippen logP (weight 5), latent d = 32, Adam 10⁻³, batch 128, seed 1. Every number is on the")
          .Line($"held-out molecules, except the {samples:N0} prior samples (z ~ N(0, I)).").Line();
        var rows = new List<string[]>();
        foreach (var (spec, r) in measured)
        {
            if (r is not { } e)
            {
                rows.Add([spec.Label, "not finished", "", "", "", "", "", "", "", "", ""]);
                continue;
            }
            var greedy = e.GetProperty("greedy"); var beam = e.GetProperty("beam"); var prior = e.GetProperty("prior");
            var tpsa = e.GetProperty("tpsa"); var logp = e.GetProperty("logp"); var opt = e.GetProperty("optimize_logp");
            string masked = e.TryGetProperty("prior_masked", out var pm) ? $"{Pct(pm, "validity")} / {Pct(pm, "uniqueness")}" : "(always)";
            string beamMasked = e.TryGetProperty("beam_masked", out var bm) ? " (masked " + Pct(bm, "reconstruction_accuracy") + ")" : "";
            rows.Add([
                spec.Label, Pct(greedy, "reconstruction_accuracy"), Pct(beam, "reconstruction_accuracy") + beamMasked,
                Pct(prior, "validity"), Pct(prior, "uniqueness"), Pct(prior, "novelty"), Pct(e.GetProperty("prior_drawn"), "validity"), masked,
                $"{Num(tpsa, "mae")} / {Num(tpsa, "r2", 3)}", $"{Num(logp, "mae")} / {Num(logp, "r2", 3)}",
                $"{Num(opt, "mean_change")} ({opt.GetProperty("final_valid").GetInt32()} of {opt.GetProperty("start_molecules").GetInt32()} valid)",
            ]);
        }
        // The published models, in the same columns ("–" where the paper does not report the number).
        rows.Add(["*character VAE, 250,000 ZINC molecules (Gómez-Bombarelli et al. 2018; as reported by Kusner et al. 2017)*", "44.6%", "–", "0.7%", "–", "–", "–", "–", "–", "–", "–"]);
        rows.Add(["*grammar VAE, the same data (Kusner et al. 2017)*", "53.7%", "–", "7.2%", "–", "–", "–", "–", "–", "–", "–"]);
        rows.Add(["*MOSES's VAE baseline, 1.6 million molecules (Polykovskiy et al. 2020)*", "–", "–", "97.7%", "99.8%", "69.5%", "–", "–", "–", "–", "–"]);
        rows.Add(["*SELFIES VAE (Krenn et al. 2020)*", "–", "–", "100% (by construction)", "–", "–", "–", "–", "–", "–", "–"]);
        md.Table(["run", "exact reconstruction, greedy", "beam 5", "valid prior samples (greedy)", "unique", "novel", "valid (tokens drawn)", "valid / unique, grammar + valence masks",
            "TPSA head MAE / R²", "logP head MAE / R²", "logP raised by optimisation (mean Δ, valid at the end)"], rows);
        md.Line("The rows in italics are published models, for comparison (their uniqueness and novelty are MOSES's unique@10k and")
          .Line("novelty). Targets of the issue: ≥ 40% exact reconstruction, ≥ 90% valid SMILES prior samples (100% with SELFIES)")
          .Line("at ≥ 90% uniqueness.").Line();
        LearningCurve(md, measured, runs);
        md.Line("## Commands").Line().Line("```sh");
        foreach (var (spec, _) in measured)
            md.Line(Cli.Command(["train", "--out", Path.Combine(runs, spec.Name), .. spec.Args]));
        md.Line("```").Line()
          .Line("and, for each finished run `R`: `mol reconstruct R` (and `--beam 5`, and for SMILES `--beam 5 --grammar-mask`), `mol sample R --n " + samples + "` (and `--draw`, and for SMILES `--grammar-mask --valence-mask`),")
          .Line("`mol predict R --property tpsa|logp`, `mol optimize R --property logp --direction up --steps 50 --start 100`, `diagnose R`,")
          .Line("all with `--json`; the outputs are kept in `R/experiment.json`.");
        return md.ToString();
    }
}
