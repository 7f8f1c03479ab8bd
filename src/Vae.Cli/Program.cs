using Spectre.Console.Cli;
using Vae;
using Vae.Cli;
using Vae.Cli.Commands;

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
