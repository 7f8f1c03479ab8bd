using Spectre.Console.Cli;
using Vae;
using Vae.Cli;
using Vae.Cli.Commands;
using Vae.Cli.Commands.Physics;

return CliApp.Run(args);

namespace Vae.Cli
{
    /// <summary>The `vae` command: verbs, help, and the one place errors become messages and exit codes.</summary>
    public static class CliApp
    {
        public static int Run(string[] args)
        {
            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                if (cancel.IsCancellationRequested) return; // a second Ctrl-C ends the process at once
                e.Cancel = true;
                Console.Error.WriteLine("\nCtrl-C: finishing the current step and writing a checkpoint (press again to abort at once) …");
                cancel.Cancel();
            };
            bool verbose = args.Contains("--verbose");
            try
            {
                return Create().Run(Normalize(args), cancel.Token);
            }
            catch (VaeException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                if (verbose) Console.Error.WriteLine(e);
                return ExitCodes.BadInput;
            }
            catch (CommandAppException e)
            {
                Console.Error.WriteLine($"error: {e.Message} (see ./vae --help)");
                if (verbose) Console.Error.WriteLine(e);
                return ExitCodes.BadInput;
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"error: unexpected {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                Console.Error.WriteLine(verbose ? e.ToString() : "(run again with --verbose for the stack trace, and please report it)");
                return ExitCodes.Failure;
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

        public static CommandApp Create()
        {
            var app = new CommandApp();
            app.Configure(c =>
            {
                c.SetApplicationName("vae");
                c.PropagateExceptions();
                c.AddCommand<DemoCommand>("demo").WithExample("demo");
                c.AddCommand<TrainCommand>("train").WithExample("train", "--out", "runs/ref").WithExample("train", "--resume", "runs/ref", "--epochs", "20");
                c.AddCommand<EvalCommand>("eval").WithExample("eval", "runs/ref", "--k", "5000", "--json");
                c.AddCommand<SampleCommand>("sample").WithExample("sample", "runs/ref", "--n", "64", "--out", "samples.png");
                c.AddCommand<ReconstructCommand>("reconstruct").WithExample("reconstruct", "runs/ref", "--n", "16", "--out", "recon.png");
                c.AddCommand<InterpolateCommand>("interpolate").WithExample("interpolate", "runs/ref", "--from", "0", "--to", "1", "--steps", "10", "--out", "interp.png");
                c.AddCommand<EncodeCommand>("encode").WithExample("encode", "runs/ref", "--out", "latents.csv");
                c.AddCommand<PlotCommand>("plot").WithExample("plot", "runs/ref", "--latent", "latent.png");
                c.AddBranch<CommonSettings>("ising", b =>
                {
                    b.SetDescription("2-D Ising model: simulate spin configurations, and find the phase transition with a VAE.");
                    b.AddCommand<IsingSimulateCommand>("simulate").WithExample("ising", "simulate", "--size", "32", "--temperatures", "1.0:3.5:0.05", "--samples", "500", "--out", "runs/ising-L32");
                    b.AddCommand<IsingAnalyseCommand>("analyse").WithExample("ising", "analyse", "runs/ising-L32-vae", "--plots", "runs/ising-L32-plots");
                    b.AddCommand<IsingExperimentCommand>("experiment").WithExample("ising", "experiment", "--sizes", "16,32,64", "--out", "runs/ising");
                });
            });
            return app;
        }
    }
}
