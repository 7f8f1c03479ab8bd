using Spectre.Console.Cli;
using Vae;
using Vae.Cli;
using Vae.Cli.Commands;
using Vae.Cli.Commands.Disentanglement;
using Vae.Cli.Commands.Physics;

return CliApp.Run(args);

namespace Vae.Cli
{
    /// <summary>The `vae` command: verbs, help, and the one place errors become messages and exit codes.</summary>
    public static class CliApp
    {
        public static int Run(string[] args) => Run(args, CliConsole.ForProcess());

        /// <summary>Runs the command line with <paramref name="console"/> as standard output and error (tests pass in-memory ones).</summary>
        public static int Run(string[] args, CliConsole console)
        {
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCtrlC = (_, e) =>
            {
                if (cancel.IsCancellationRequested) return; // a second Ctrl-C ends the process at once
                e.Cancel = true;
                console.Err.WriteLine("\nCtrl-C: finishing the current step and writing a checkpoint (press again to abort at once) …");
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCtrlC;
            // SIGTERM (a job scheduler, `kill`) is handled like Ctrl-C: finish the step, write a checkpoint, exit.
            using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
            {
                if (cancel.IsCancellationRequested) return;
                context.Cancel = true;
                console.Err.WriteLine("\nSIGTERM: finishing the current step and writing a checkpoint …");
                cancel.Cancel();
            });
            bool verbose = args.Contains("--verbose");
            try
            {
                return Create(console).Run(Normalize(args), cancel.Token);
            }
            catch (VaeException e)
            {
                console.Err.WriteLine($"error: {e.Message}");
                if (verbose) console.Err.WriteLine(e);
                return ExitCodes.BadInput;
            }
            catch (CommandAppException e)
            {
                console.Err.WriteLine($"error: {e.Message} (see ./vae --help)");
                if (verbose) console.Err.WriteLine(e);
                return ExitCodes.BadInput;
            }
            catch (OperationCanceledException)
            {
                console.Err.WriteLine("Interrupted.");
                return ExitCodes.Interrupted;
            }
            catch (Exception e)
            {
                console.Err.WriteLine($"error: unexpected {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                console.Err.WriteLine(verbose ? e.ToString() : "(run again with --verbose for the stack trace, and please report it)");
                return ExitCodes.Failure;
            }
            finally
            {
                Console.CancelKeyPress -= onCtrlC;
            }
        }

        /// <summary>
        /// Accepts the one-letter options as the documentation writes them (--k, --n) as well as -k, -n:
        /// the parser insists that long option names have more than one character.
        /// </summary>
        public static string[] Normalize(string[] args) => args.Select(a =>
            a is "--k" or "--n" ? a[1..]
            : a.StartsWith("--k=", StringComparison.Ordinal) || a.StartsWith("--n=", StringComparison.Ordinal) ? a[1..]
            : a).ToArray();

        public static CommandApp Create(CliConsole console)
        {
            var app = new CommandApp();
            app.Configure(c =>
            {
                c.ConfigureConsole(console.Output);
                c.Settings.Registrar.RegisterInstance(console);
                c.SetApplicationName("vae");
                c.PropagateExceptions();
                c.UseStrictParsing();
                c.AddCommand<DemoCommand>("demo").WithExample("demo");
                c.AddCommand<TrainCommand>("train").WithExample("train", "--out", "runs/ref").WithExample("train", "--resume", "runs/ref", "--epochs", "20");
                c.AddCommand<EvalCommand>("eval").WithExample("eval", "runs/ref", "--k", "5000", "--json");
                c.AddCommand<SampleCommand>("sample").WithExample("sample", "runs/ref", "--n", "64", "--out", "samples.png");
                c.AddCommand<ReconstructCommand>("reconstruct").WithExample("reconstruct", "runs/ref", "--n", "16", "--out", "recon.png");
                c.AddCommand<InterpolateCommand>("interpolate").WithExample("interpolate", "runs/ref", "--from", "0", "--to", "1", "--steps", "10", "--out", "interp.png");
                c.AddCommand<EncodeCommand>("encode").WithExample("encode", "runs/ref", "--out", "latents.csv");
                c.AddCommand<PlotCommand>("plot").WithExample("plot", "runs/ref", "--latent", "latent.png");
                c.AddCommand<DiagnoseCommand>("diagnose").WithExample("diagnose", "runs/ref", "--json");
                c.AddCommand<FactorAnalysisCommand>("fa").WithExample("fa", "--data", "csv:table.csv", "--latent", "3", "--json");
                c.AddCommand<GapCommand>("gap").WithExample("gap", "runs/ref", "--n", "200", "--json");
                c.AddCommand<SweepCommand>("sweep").WithExample("sweep", "--beta", "0.1,0.25,0.5,1,2,4,8", "--epochs", "10", "--out", "runs/sweep");
                c.AddCommand<FidCommand>("fid").WithExample("fid", "runs/ae", "--prior", "fitted", "--json");
                c.AddCommand<GradientVarianceCommand>("gradient-variance").WithExample("gradient-variance", "runs/ref", "--repetitions", "200");
                c.AddCommand<ConvertCommand>("convert").WithExample("convert", "--data", "fashion-mnist", "--out", "data/fmnist-shards");
                c.AddCommand<PruneCommand>("prune").WithExample("prune", "runs/d64", "--threshold", "0.05", "--fine-tune-epochs", "2", "--out", "runs/d64-pruned");
                c.AddBranch<CommonSettings>("mol", b =>
                {
                    b.SetDescription("Molecules as SMILES: validity checks, descriptors, and what a SMILES VAE (train --model smiles) generates.");
                    b.AddCommand<Vae.Cli.Commands.Chemistry.MolCheckCommand>("check").WithExample("mol", "check", "molecules.smi", "--json");
                    b.AddCommand<Vae.Cli.Commands.Chemistry.MolPropsCommand>("props").WithExample("mol", "props", "molecules.smi");
                    b.AddCommand<Vae.Cli.Commands.Chemistry.MolSampleCommand>("sample").WithExample("mol", "sample", "runs/smiles", "--n", "1000", "--json");
                    b.AddCommand<Vae.Cli.Commands.Chemistry.MolReconstructCommand>("reconstruct").WithExample("mol", "reconstruct", "runs/smiles", "--json");
                    b.AddCommand<Vae.Cli.Commands.Chemistry.MolPredictCommand>("predict").WithExample("mol", "predict", "runs/smiles", "--json");
                    b.AddCommand<Vae.Cli.Commands.Chemistry.MolOptimizeCommand>("optimize").WithExample("mol", "optimize", "runs/smiles", "--property", "tpsa", "--direction", "up", "--steps", "50");
                    b.AddCommand<Vae.Cli.Commands.Chemistry.MolPlotCommand>("plot").WithExample("mol", "plot", "runs/smiles", "--out", "latent_tpsa.png");
                });
                c.AddBranch<CommonSettings>("sc", b =>
                {
                    b.SetDescription("Single-cell RNA-seq: simulate counts, describe them, the PCA baseline, and evaluate and export models trained on counts (vae train --data 10x:<dir>).");
                    b.AddCommand<Commands.SingleCell.SimulateCommand>("simulate").WithExample("sc", "simulate", "--cells", "5000", "--genes", "2000", "--out", "runs/sc-sim");
                    b.AddCommand<Commands.SingleCell.DescribeCommand>("describe").WithExample("sc", "describe", "--data", "10x:runs/sc-sim", "--metadata", "runs/sc-sim/metadata.csv");
                    b.AddCommand<Commands.SingleCell.BaselineCommand>("baseline").WithExample("sc", "baseline", "--data", "10x:runs/sc-sim", "--metadata", "runs/sc-sim/metadata.csv", "--json");
                    b.AddCommand<Commands.SingleCell.EvaluateCommand>("evaluate").WithExample("sc", "evaluate", "runs/sc-nb", "--json");
                    b.AddCommand<Commands.SingleCell.ExportCommand>("export").WithExample("sc", "export", "runs/sc-nb", "--out", "runs/sc-nb/export");
                    b.AddCommand<Commands.SingleCell.TradeoffCommand>("tradeoff").WithExample("sc", "tradeoff", "runs/sc-sweep");
                });
                c.AddCommand<DSpritesCommand>("dsprites").WithExample("dsprites", "--out", "data/dsprites", "--subset", "50000");
                c.AddCommand<DisentangleCommand>("disentangle").WithExample("disentangle", "runs/dsprites", "--data", "data/dsprites", "--json");
                c.AddBranch<CommonSettings>("ising", b =>
                {
                    b.SetDescription("2-D Ising model: simulate spin configurations, and find the phase transition with a VAE.");
                    b.AddCommand<IsingSimulateCommand>("simulate").WithExample("ising", "simulate", "--size", "32", "--temperatures", "1.0:3.5:0.05", "--samples", "500", "--out", "runs/ising-L32");
                    b.AddCommand<IsingAnalyseCommand>("analyse").WithExample("ising", "analyse", "runs/ising-L32-vae", "--plots", "runs/ising-L32-plots");
                    b.AddCommand<IsingExperimentCommand>("experiment").WithExample("ising", "experiment", "--sizes", "16,32,64", "--out", "runs/ising");
                });
                c.AddBranch<CommonSettings>("robot", b =>
                {
                    b.SetDescription("Robotics: world-model VAEs on a simulated pendulum or two-link arm (simulate, probe, dream, experiment).");
                    b.AddCommand<Commands.Robotics.RobotSimulateCommand>("simulate").WithExample("robot", "simulate", "--system", "arm", "--episodes", "100", "--steps", "50", "--seed", "0", "--out", "data/arm");
                    b.AddCommand<Commands.Robotics.RobotProbeCommand>("probe").WithExample("robot", "probe", "runs/arm", "--data", "data/arm", "--json");
                    b.AddCommand<Commands.Robotics.RobotDreamCommand>("dream").WithExample("robot", "dream", "runs/arm", "--data", "data/arm", "--horizon", "20", "--out", "strip.png");
                    b.AddCommand<Commands.Robotics.RobotExperimentCommand>("experiment").WithExample("robot", "experiment", "--out", "runs/robotics");
                });
            });
            return app;
        }
    }
}
