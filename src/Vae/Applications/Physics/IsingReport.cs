using System.Globalization;
using System.Text;
using Vae.IO;
using Vae.Reporting;

namespace Vae.Applications.Physics;

/// <summary>
/// Writes the experiment's Markdown report and its figures (into a folder named after the report,
/// beside it: docs/results/ising.md → docs/results/ising/).
/// </summary>
public static class IsingReport
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    static readonly double Tc = OnsagerSolution.CriticalTemperature;

    /// <summary>The estimators shown in the T_c table and plot, in order.</summary>
    public static readonly IReadOnlyList<(string Source, string Observable)> Series =
    [
        ("magnetization", "<|m|>"), ("magnetization", "susceptibility"), ("energy", "<E>"),
        ("vae", "<|z|>"), ("vae", "var(|z|)"), ("vae", "reconstruction error"),
        ("pca", "<|p1|>"), ("pca", "var(|p1|)"),
    ];

    public static void Write(string reportPath, IsingExperimentResult r, string command, string machine)
    {
        string figures = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(reportPath))!, Path.GetFileNameWithoutExtension(reportPath));
        string rel = Path.GetFileName(figures);
        Directory.CreateDirectory(figures);
        foreach (var s in r.Sizes) IsingPlots.SaveAll(figures, s.Analysis);
        if (r.Sizes.Count > 0) IsingPlots.TcAgainstInverseSize(Path.Combine(figures, "tc-vs-inverse-size.png"), r.Sizes.Select(s => s.Analysis).ToArray(), Series);
        SaveConfigurations(Path.Combine(figures, "configurations.png"), r.Sizes[^1].DataDirectory, r.Options.Temperatures);

        var md = new StringBuilder();
        Header(md, r, command, machine);
        Validation(md, r);
        DataSets(md, r, rel);
        Training(md, r);
        Symmetry(md, r, rel);
        Correlations(md, r, rel);
        Curves(md, r, rel);
        CriticalTemperature(md, r, rel);
        Reproduce(md, r);
        AtomicFile.WriteAllText(reportPath, md.ToString());
    }

    static void Header(StringBuilder md, IsingExperimentResult r, string command, string machine)
    {
        var o = r.Options;
        double train = r.Sizes.Sum(s => s.TrainingSeconds), sim = r.Sizes.Sum(s => s.SimulationSeconds), ana = r.Sizes.Sum(s => s.AnalysisSeconds);
        md.AppendLine("# A VAE finds the phase transition of the 2-D Ising model").AppendLine();
        md.AppendLine("Reproduces Wetzel, *Unsupervised learning of phase transitions: from principal component analysis to variational autoencoders*, Phys. Rev. E 96, 022140 (2017): ")
          .AppendLine("a VAE trained on spin configurations alone, with no physics given to it, learns a latent variable that is the magnetization, and its statistics locate the critical temperature ")
          .AppendLine(F($"T_c = 2 / ln(1 + √2) = {Tc:F6} (J = k_B = 1).")).AppendLine();
        md.AppendLine(F($"Measured {r.Started:yyyy-MM-dd HH:mm} UTC with")).AppendLine();
        md.AppendLine("```sh").AppendLine(command).AppendLine("```").AppendLine();
        md.AppendLine(F($"Machine: {machine}.")).AppendLine();
        md.AppendLine(F($"The whole run used {r.CpuSeconds / 60:F1} min of CPU time and took {r.TotalSeconds / 60:F1} min of wall-clock time (the machine was shared with other jobs, which stretches the wall-clock times): validation of the simulation {r.ValidationSeconds:F0} s, simulation {sim:F0} s, training {train:F0} s, analysis {ana:F0} s of wall-clock time. "))
          .AppendLine(F($"This run used {o.Samples} configurations per temperature and size and {o.Epochs} epochs; the defaults (300 and 20) were chosen to keep the default run within about 15 minutes on 2 cores, and more samples and epochs sharpen the numbers below.")).AppendLine();
        md.AppendLine("Everything below was written by the command above from its own measurements; nothing was edited by hand.").AppendLine();
    }

    static void Validation(StringBuilder md, IsingExperimentResult r)
    {
        md.AppendLine(F($"## 1. The simulation against exact results (L = {r.ValidationSize})")).AppendLine();
        md.AppendLine(F($"{r.Options.ValidationSamples} configurations per temperature. Each temperature starts from the ordered state; a pilot run is extended (doubling from 1000 sweeps) until its second half is at least 50 integrated autocorrelation times τ_int long, τ_int of E and of |m| being measured on it with Sokal's windowed estimator (window c = 6); the whole pilot is discarded as equilibration, and configurations are saved every ⌈2 τ_int⌉ sweeps (a Wolff sweep is the number of clusters that holds N = L² spins on average). "))
          .AppendLine("Standard errors are √(2 τ σ² / n) with τ measured again on the saved series. ")
          .AppendLine(F($"The exact energy is Kaufman's (1949) for this finite {r.ValidationSize}×{r.ValidationSize} periodic lattice (the infinite-lattice Onsager value beside it); |m| is compared with Yang's spontaneous magnetization (1 − sinh⁻⁴(2/T))^(1/8) only well below T_c (T ≤ 2.2), where the correlation length is much shorter than L — at and above T_c the finite lattice has ⟨|m|⟩ > 0 while the infinite one has 0. "))
          .AppendLine("z = (measured − exact) / standard error.").AppendLine();
        ValidationTable(md, "Wolff cluster updates", r.WolffValidation);
        if (r.MetropolisValidation.Count > 0)
            ValidationTable(md, "Metropolis sweeps (the option; away from T_c, where its autocorrelation times stay short)", r.MetropolisValidation);
        var all = r.WolffValidation.Concat(r.MetropolisValidation).ToArray();
        double maxZ = all.Max(s => Math.Abs(EnergyZ(s)));
        var mRows = all.Where(CompareMagnetization).ToArray();
        double maxZm = mRows.Length == 0 ? double.NaN : mRows.Max(s => Math.Abs((s.AbsMagnetization - s.AbsMagnetizationYang) / s.AbsMagnetizationErr));
        md.AppendLine(F($"Largest |z|: {maxZ:F2} for the energy (all temperatures, including T_c), {maxZm:F2} for |m| (T ≤ 2.2). "))
          .AppendLine(all.All(s => s.Equilibrated) ? "Every pilot run reached 100 τ_int." : "Some pilot runs stopped at the maximum length before reaching 100 τ_int (marked *).").AppendLine();
    }

    static bool CompareMagnetization(TemperatureSummary s) => s.Temperature <= 2.2 + 1e-9;
    static double EnergyZ(TemperatureSummary s) => (s.Energy - s.EnergyExact) / s.EnergyErr;

    static void ValidationTable(StringBuilder md, string title, IReadOnlyList<TemperatureSummary> rows)
    {
        md.AppendLine(F($"**{title}**")).AppendLine();
        md.AppendLine("| T | E/N measured | E/N exact (this L) | z | E/N Onsager (L = ∞) | ⟨\\|m\\|⟩ measured | \\|m\\| Yang (L = ∞) | z | τ_int (sweeps) | sweeps between samples |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in rows)
        {
            string mz = CompareMagnetization(s) ? F($"{Signed((s.AbsMagnetization - s.AbsMagnetizationYang) / s.AbsMagnetizationErr, 2)}") : "—";
            md.AppendLine(F($"| {s.Temperature:0.000} | {s.Energy:F5} ± {s.EnergyErr:F5} | {s.EnergyExact:F5} | {Signed(EnergyZ(s), 2)} | {s.EnergyOnsager:F5} | {s.AbsMagnetization:F5} ± {s.AbsMagnetizationErr:F5} | {s.AbsMagnetizationYang:F5} | {mz} | {s.Tau:F2}{(s.Equilibrated ? "" : "*")} | {s.SweepsBetweenSamples} |"));
        }
        md.AppendLine();
    }

    static void DataSets(StringBuilder md, IsingExperimentResult r, string rel)
    {
        var o = r.Options;
        md.AppendLine("## 2. The data sets").AppendLine();
        md.AppendLine(F($"{o.Temperatures.Count} temperatures from {o.Temperatures.Min():0.00} to {o.Temperatures.Max():0.00} (step {o.Temperatures[1] - o.Temperatures[0]:0.00}), {o.Samples} configurations each, {Names(o.Algorithm)} updates, seed {o.Seed}; "))
          .AppendLine("each saved configuration has all its spins flipped with probability ½ (an exact symmetry of H, hence a valid Monte Carlo move) so both signs of m appear in the ordered phase. ")
          .AppendLine("Each size is an MNIST-format IDX folder (spins as bytes 0/255, labels = temperature index) with `metadata.csv` (split, index, temperature, energy, magnetization) and `simulation.json`; the last fifth of each temperature's configurations is the test split, which the analysis uses.").AppendLine();
        md.AppendLine("| L | train | test | largest τ_int (sweeps) | largest spacing (sweeps) | all equilibrated | time |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var s in r.Sizes)
            md.AppendLine(F($"| {s.Size} | {s.TrainCount:N0} | {s.TestCount:N0} | {s.MaxTau:F2} | {s.MaxSpacing} | {(s.AllEquilibrated ? "yes" : "no")} | {s.SimulationSeconds:F1} s |"));
        md.AppendLine();
        md.AppendLine(F($"![configurations]({rel}/configurations.png)")).AppendLine();
        md.AppendLine(F($"*Test configurations at L = {r.Sizes[^1].Size} (white: σ = +1), two per temperature, at T = {string.Join(", ", ConfigurationTemperatures(o.Temperatures).Select(t => t.ToString("0.00", Inv)))} from left to right.*")).AppendLine();
    }

    static void Training(StringBuilder md, IsingExperimentResult r)
    {
        var o = r.Options;
        md.AppendLine("## 3. The VAE").AppendLine();
        md.AppendLine(F($"MLP encoder L²–{string.Join("–", o.Hidden)}–(μ, log σ²) of dimension {o.Latent}, decoder mirrored, ReLU, Bernoulli likelihood on the spins (σ = +1 ↔ 1; `--binarize none`, the data are already 0/1), prior N(0, I), β = 1. "))
          .AppendLine(F($"Adam {o.LearningRate:G3}, batch {o.BatchSize}, {o.Epochs} epochs, seed {o.Seed}; {o.ValidationFraction:P0} of the training configurations held out for validation, the best epoch on it kept. It is trained on all temperatures at once and is never told T, E or m.")).AppendLine();
        md.AppendLine("| L | parameters in | epochs | best epoch | validation −ELBO (nats per configuration) | per spin | KL (nats) | training time |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var s in r.Sizes)
        {
            var best = s.Training.FirstOrDefault(m => m.Epoch == s.BestEpoch) ?? s.Training[^1];
            double elbo = best.ValElbo ?? best.TrainElbo;
            md.AppendLine(F($"| {s.Size} | {s.Size * s.Size} spins | {s.Training.Count} | {s.BestEpoch} | {-elbo:F1} | {-elbo / (s.Size * s.Size):F4} | {best.ValKl ?? best.TrainKl:F2} | {s.TrainingSeconds:F0} s |"));
        }
        md.AppendLine();
    }

    static void Symmetry(StringBuilder md, IsingExperimentResult r, string rel)
    {
        md.AppendLine("## 4. The spin-flip symmetry and the sign of z").AppendLine();
        md.AppendLine("H, and so the data set, is invariant under σ → −σ (x → x̄ = 1 − x); the prior N(0, I) is invariant under z → −z. Nothing fixes the sign of a latent axis, nothing makes the encoder put the symmetry point at the origin (with L² spins the reconstruction term outweighs the KL term that would pull it there), and nothing makes it odd (how far from odd the trained encoders are is measured in the table and the raw plots below). The analysis (all in `PhaseTransitionAnalysis`) therefore:").AppendLine();
        md.AppendLine("1. takes the odd part of the encoder, μ_odd(x) = (μ(x) − μ(x̄))/2, x̄ the configuration with every spin flipped — exactly odd under the symmetry, whatever the VAE learned;");
        md.AppendLine("2. projects it on its principal direction u (the top eigenvector of the second moment of μ_odd): z = u·μ_odd(x);");
        md.AppendLine("3. orients u without looking at m: the all-up configuration must have z > 0;");
        md.AppendLine("4. reports statistics that do not depend on the sign: ⟨|z|⟩ and the fluctuation of |z| per temperature (⟨z⟩ is 0 at every T by symmetry) and corr(|z|, |m|); corr(z, m) is meaningful only after step 3;");
        md.AppendLine("5. keeps the raw coordinate u·(μ(x) − c), c = mean of (μ(x) + μ(x̄))/2 the encoder's symmetry point, to show what the VAE learned by itself: its correlations with m, and the asymmetry RMS(raw(x) + raw(x̄)) / RMS(raw(x)), 0 for an exactly odd encoder.").AppendLine();
        md.AppendLine("PCA has the same ambiguity (the sign of an eigenvector) and is oriented the same way; its centre is the data mean, which the symmetric data put at ½ per spin, and a linear map is odd about it.").AppendLine();
        md.AppendLine("| L | share of ⟨‖μ_odd‖²⟩ along u | ‖c‖ | asymmetry of the raw encoder | corr(raw, m) | corr(\\|raw\\|, \\|m\\|) |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var s in r.Sizes)
        {
            var a = s.Analysis;
            md.AppendLine(F($"| {s.Size} | {a.DirectionShare:P2} | {Math.Sqrt(a.SymmetryPoint.Sum(v => v * v)):F3} | {a.FlipAsymmetry:F4} | {a.CorrelationRawZM:F4} | {a.CorrelationAbsRawZAbsM:F4} |"));
        }
        md.AppendLine();
        md.AppendLine("| raw coordinate u·(μ(x) − c) against T, coloured by m |");
        md.AppendLine("|---|");
        foreach (var s in r.Sizes) md.AppendLine(F($"| ![raw latent L={s.Size}]({rel}/latent-raw-L{s.Size}.png) |"));
        md.AppendLine();
    }

    static void Correlations(StringBuilder md, IsingExperimentResult r, string rel)
    {
        md.AppendLine("## 5. The latent variable is the magnetization").AppendLine();
        md.AppendLine("Pearson correlations over the test configurations of all temperatures; p1 is the first principal component of the training configurations (Wetzel's PCA baseline).").AppendLine();
        md.AppendLine("| L | test configurations | corr(z, m) | corr(\\|z\\|, \\|m\\|) | corr(p1, m) | corr(\\|p1\\|, \\|m\\|) | PC1 share of variance | corr(reconstruction error, E) |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var s in r.Sizes)
        {
            var a = s.Analysis;
            md.AppendLine(F($"| {s.Size} | {a.TestCount:N0} | {a.CorrelationZM:F4} | {a.CorrelationAbsZAbsM:F4} | {a.CorrelationPcaM:F4} | {a.CorrelationAbsPcaAbsM:F4} | {a.PcaVarianceShare:P1} | {a.CorrelationReconstructionEnergy:F4} |"));
        }
        md.AppendLine();
        double worst = r.Sizes.Min(s => Math.Min(Math.Abs(s.Analysis.CorrelationZM), s.Analysis.CorrelationAbsZAbsM));
        double worstRaw = r.Sizes.Min(s => Math.Min(Math.Abs(s.Analysis.CorrelationRawZM), s.Analysis.CorrelationAbsRawZAbsM));
        md.AppendLine(F($"The smallest of |corr(z, m)| and corr(|z|, |m|) over all sizes is {worst:F4} (the issue expects ≥ 0.95); for the raw coordinate, before the odd part is taken (section 4), it is {worstRaw:F4}.")).AppendLine();
        md.AppendLine("| VAE: z = u·μ_odd against T, coloured by m | PCA: p1 against T, coloured by m |");
        md.AppendLine("|---|---|");
        foreach (var s in r.Sizes)
            md.AppendLine(F($"| ![latent L={s.Size}]({rel}/latent-L{s.Size}.png) | ![pca L={s.Size}]({rel}/pca-L{s.Size}.png) |"));
        md.AppendLine();
    }

    static void Curves(StringBuilder md, IsingExperimentResult r, string rel)
    {
        var big = r.Sizes[^1].Analysis;
        md.AppendLine("## 6. Latent statistics against temperature").AppendLine();
        md.AppendLine("Per temperature (test configurations): ⟨|z|⟩, the spread √⟨z²⟩, the fluctuation N(⟨z²⟩ − ⟨|z|⟩²)/T (the latent analogue of the susceptibility χ′ = N(⟨m²⟩ − ⟨|m|⟩²)/T), the posterior standard deviation along u, and the reconstruction error −log p(x | z = μ(x)) per spin; beside them the true ⟨|m|⟩ and χ′, and PCA's ⟨|p1|⟩. ")
          .AppendLine(F($"Every temperature of every size is in `analysis-L{{L}}.json` of the output folder; here L = {big.Size} at every fifth temperature:")).AppendLine();
        md.AppendLine("| T | ⟨\\|m\\|⟩ | χ′ | ⟨\\|z\\|⟩ | √⟨z²⟩ | fluct. of \\|z\\| | posterior σ | reconstruction (nats/spin) | ⟨\\|p1\\|⟩ |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        for (int k = 0; k < big.Points.Count; k += 5)
        {
            var p = big.Points[k];
            md.AppendLine(F($"| {p.Temperature:0.00} | {p.AbsMagnetization:F4} | {p.Susceptibility:F2} | {p.VaeAbsZ:F3} ± {p.VaeAbsZErr:F3} | {p.VaeRmsZ:F3} | {p.VaeFluctuation:F1} | {p.VaeSigma:F4} | {p.Reconstruction:F4} | {p.PcaAbs:F2} |"));
        }
        md.AppendLine();
        foreach (var s in r.Sizes) md.AppendLine(F($"![curves L={s.Size}]({rel}/curves-L{s.Size}.png)"));
        md.AppendLine();
    }

    static void CriticalTemperature(StringBuilder md, IsingExperimentResult r, string rel)
    {
        md.AppendLine("## 7. The critical temperature").AppendLine();
        md.AppendLine("Each observable gives a pseudo-critical temperature T_c(L): *steepest change* is where |d⟨·⟩/dT| (central differences on the grid) peaks, *peak* is where the fluctuation itself peaks; a peak is located by the vertex of a parabola fitted to the points within ±0.15 of the largest value. ")
          .AppendLine(F($"Errors are bootstrap standard deviations ({r.Options.Analysis.Bootstrap} resamplings of the test configurations within each temperature); they do not include the grid's discreteness. "))
          .AppendLine("Finite lattices shift T_c(L) by about a/L (ν = 1), so the last column extrapolates each row with a weighted straight line in 1/L. The magnetization and energy rows are the reference: what the true order parameter and energy give with the same estimator on the same configurations.").AppendLine();
        var sizes = r.Sizes.Select(s => s.Size).ToArray();
        md.Append("| source | observable | method |");
        foreach (int l in sizes) md.Append(F($" L = {l} |"));
        md.AppendLine(" L → ∞ (fit in 1/L) |");
        md.Append("|---|---|---|").Append(string.Concat(sizes.Select(_ => "---|"))).AppendLine("---|");
        foreach (var (source, observable) in Series)
        {
            var est = r.Sizes.Select(s => s.Analysis.Estimates.First(e => e.Source == source && e.Observable == observable)).ToArray();
            md.Append(F($"| {source} | {Escape(observable)} | {est[0].Method} |"));
            foreach (var e in est) md.Append(F($" {e.Value:F3} ± {e.Error:F3} ({Signed(e.Distance, 3)}) |"));
            md.AppendLine(est.Length >= 2 ? Extrapolated(est, sizes) : " — |");
        }
        md.AppendLine();
        md.AppendLine(F($"Parenthesised: distance from the exact T_c = {Tc:F4}.")).AppendLine();
        Summary(md, r);
        md.AppendLine(F($"![T_c against 1/L]({rel}/tc-vs-inverse-size.png)")).AppendLine();
    }

    static string Extrapolated(TcEstimate[] est, int[] sizes)
    {
        var fit = CurveFits.Line(sizes.Select(l => 1.0 / l).ToArray(), est.Select(e => e.Value).ToArray(), est.Select(e => Math.Max(e.Error, 1e-4)).ToArray());
        return F($" **{fit.A:F3} ± {fit.AErr:F3}** ({Signed(fit.A - Tc, 3)}) |");
    }

    static void Summary(StringBuilder md, IsingExperimentResult r)
    {
        TcEstimate Get(IsingExperimentResult.SizeRun s, string source, string obs) => s.Analysis.Estimates.First(e => e.Source == source && e.Observable == obs);
        var lines = r.Sizes.Select(s =>
        {
            var v = Get(s, "vae", "<|z|>"); var m = Get(s, "magnetization", "<|m|>");
            var vf = Get(s, "vae", "var(|z|)"); var chi = Get(s, "magnetization", "susceptibility");
            return F($"L = {s.Size}: VAE ⟨|z|⟩ {v.Value:F3} vs true ⟨|m|⟩ {m.Value:F3} (difference {Signed(v.Value - m.Value, 3)}); VAE fluctuation peak {vf.Value:F3} vs susceptibility peak {chi.Value:F3} ({Signed(vf.Value - chi.Value, 3)})");
        });
        md.AppendLine("The VAE's estimates beside the true order parameter's, same estimator, same configurations:").AppendLine();
        foreach (var l in lines) md.AppendLine("- " + l + ".");
        md.AppendLine();
        if (r.Sizes.Count >= 2)
        {
            var sizes = r.Sizes.Select(s => s.Size).ToArray();
            double Extrapolate(string source, string obs)
            {
                var est = r.Sizes.Select(s => Get(s, source, obs)).ToArray();
                return CurveFits.Line(sizes.Select(l => 1.0 / l).ToArray(), est.Select(e => e.Value).ToArray(), est.Select(e => Math.Max(e.Error, 1e-4)).ToArray()).A;
            }
            double vz = Extrapolate("vae", "<|z|>"), mm = Extrapolate("magnetization", "<|m|>");
            double vf = Extrapolate("vae", "var(|z|)"), chi = Extrapolate("magnetization", "susceptibility");
            md.AppendLine(F($"Extrapolated to L → ∞, the VAE's ⟨|z|⟩ gives {vz:F3} ({Signed(vz - Tc, 3)} from T_c) and its fluctuation peak {vf:F3} ({Signed(vf - Tc, 3)}); "))
              .AppendLine(F($"the true magnetization, through the same estimators, gives {mm:F3} ({Signed(mm - Tc, 3)}) and {chi:F3} ({Signed(chi - Tc, 3)}). "))
              .AppendLine("The reference rows measure what the estimators themselves cost at these sizes and this grid (0.05 apart); the VAE's distance from T_c should be read against them.").AppendLine();
        }
    }

    static void Reproduce(StringBuilder md, IsingExperimentResult r)
    {
        var o = r.Options;
        var last = r.Sizes[^1];
        string data = last.DataDirectory.Replace('\\', '/'), model = last.ModelDirectory.Replace('\\', '/');
        int val = (int)Math.Round(last.TrainCount * o.ValidationFraction);
        string temps = F($"{o.Temperatures.Min():0.0#}:{o.Temperatures.Max():0.0#}:{o.Temperatures[1] - o.Temperatures[0]:0.0#}");
        md.AppendLine("## 8. The same, step by step, with the general verbs").AppendLine();
        md.AppendLine(F($"The experiment is these three steps per size (shown for L = {last.Size}; the same seed gives the same numbers):")).AppendLine();
        md.AppendLine("```sh");
        md.AppendLine(F($"./vae ising simulate --size {last.Size} --temperatures {temps} --samples {o.Samples} --seed {o.Seed} --out {Rel(data)}"));
        md.AppendLine(F($"./vae train --data mnist:{Rel(data)} --likelihood bernoulli --binarize none --latent {o.Latent} --hidden {string.Join(",", o.Hidden)} --epochs {o.Epochs} --batch-size {o.BatchSize} --val-size {val} --seed {o.Seed} --out {Rel(model)} --overwrite"));
        md.AppendLine(F($"./vae ising analyse {Rel(model)} --plots {Rel(Path.GetDirectoryName(model) ?? ".")}/plots --json"));
        md.AppendLine("```").AppendLine();
        md.AppendLine(F($"`./vae ising simulate --size {r.ValidationSize} --temperatures {string.Join(",", o.ValidationTemperatures.Select(t => t.ToString("0.0##", Inv)))} --samples {o.ValidationSamples} --seed {o.Seed + 1000}` prints the validation table of section 1 (`--algorithm metropolis` for the second one)."));
    }

    static void SaveConfigurations(string path, string dataDirectory, IReadOnlyList<double> temperatures)
    {
        var (test, examples) = IsingDataset.Load(dataDirectory, "test");
        var chosen = new List<int>();
        foreach (double t in ConfigurationTemperatures(temperatures))
            chosen.AddRange(Enumerable.Range(0, examples.Count).Where(i => examples[i].Temperature == t).Take(2));
        var pick = test.Subset(chosen);
        ImageGrid.Save(path, pick.Features, pick.Shape, columns: chosen.Count, scale: Math.Max(1, 128 / test.Shape.Height));
    }

    static double[] ConfigurationTemperatures(IReadOnlyList<double> grid) =>
        new[] { 1.5, 2.0, Tc, 2.5, 3.0, 3.5 }.Select(t => grid.MinBy(g => Math.Abs(g - t))).Distinct().ToArray();

    static string Rel(string path)
    {
        string full = Path.GetFullPath(path), cwd = Path.GetFullPath(".");
        return full.StartsWith(cwd + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? Path.GetRelativePath(cwd, full) : full;
    }

    static string Names(IsingAlgorithm a) => a == IsingAlgorithm.Wolff ? "Wolff cluster" : "Metropolis";

    /// <summary>A signed number with <paramref name="decimals"/> decimals ("+0.012", "-0.004"; "0.000" when it rounds to zero).</summary>
    public static string Signed(double value, int decimals)
    {
        string text = Math.Abs(value).ToString("F" + decimals, Inv);
        return Math.Round(value, decimals) == 0 ? text : (value > 0 ? "+" : "-") + text;
    }

    static string Escape(string s) => s.Replace("|", "\\|");

    static string F(FormattableString s) => s.ToString(Inv);
}
