using Vae;
using Vae.Cli;

return CliApp.Run(args);

namespace Vae.Cli
{
    /// <summary>The `vae` command: verbs, help, and the one place errors become messages and exit codes.</summary>
    public static class CliApp
    {
        public static int Run(string[] args)
        {
            StartupTrace.Mark("main");
            var console = CliConsole.ForProcess();
            if (Distributed.Communicator.LaunchedRanks <= 1) return Run(args, console);
            return RankRun.Run(args, console);   // one of the ranks of an mpirun
        }

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
                if (RankLaunch.Refusal(args) is { } refusal) throw new VaeException(refusal);
                return Verbs.Create(console).Run(Normalize(args), cancel.Token);
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
    }
}
