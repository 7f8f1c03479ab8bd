using Vae.Distributed;
using Vae.Training;
using Vae.Training.TensorBoard;

namespace Vae.Cli.Commands;

[Description("Train a VAE (or autoencoder) and write its model folder; with no options but --out, the reference model on Fashion-MNIST.")]
public sealed class TrainCommand(CliConsole console) : Command<TrainSettings>
{
    public override int Execute(CommandContext context, TrainSettings s, CancellationToken cancel)
    {
        if (s.TensorBoard is null && s.TensorBoardExamples is not null) throw new VaeException("--tensorboard-examples: give --tensorboard <DIR> too.");
        var config = s.Resume is null ? s.ToRunConfig() : null;
        if (config is not null && s.Out is null) throw new VaeException("--out <DIR> is required (the model folder to write), or --resume <DIR>.");
        string dir = s.Resume ?? s.Out!;
        DistributedTraining.Check(s, config ?? ModelFolder.ReadConfig(dir));
        if (DistributedTraining.Launches(s)) return DistributedTraining.Launch(s, config ?? ModelFolder.ReadConfig(dir), context.Arguments, dir, console);
        var ranks = Communicator.World;
        if (s.RankTimeout is double timeout) ranks.Timeout = TimeSpan.FromSeconds(timeout);
        var device = s.Setup();
        StartupTrace.Mark("libtorch ready");
        var progress = console.TrainingProgress();
        if (config is not null && ranks.IsRoot) ImageOptionParsing.Prepare(config.Data, console);
        ranks.Barrier("the start (rank 0 prepares the data)", TimeSpan.FromMinutes(30));
        using var trainer = config is null ? Trainer.Resume(s.Resume!, device, s.Epochs, ranks: ranks) : Trainer.Start(config, s.Out!, device, s.Overwrite, ranks: ranks);
        using var tensorBoard = s.TensorBoard is null || !ranks.IsRoot ? null
            : TensorBoardObserver.Open(s.TensorBoard, trainer, device, s.TensorBoardExamples ?? TensorBoardObserver.DefaultExamples);
        if (tensorBoard is { HasExamples: false }) console.Err.WriteLine("TensorBoard: no validation split (--val-size 0), so no latent diagnostics or reconstructions are logged.");
        TrainingResult result;
        try { result = trainer.Run(new ObserverGroup(progress, tensorBoard), cancel); }
        catch (RankTimeoutException e) { throw new RankTimeoutException(e.Rank, $"{e.Message} {DistributedTraining.CheckpointNote(dir, ranks.Size)}"); }
        StartupTrace.Mark("trained");
        if (result.Outcome == TrainingOutcome.Interrupted) return ExitCodes.Interrupted;
        if (!ranks.IsRoot) return ExitCodes.Ok;   // rank 0 alone draws the plots and reports
        using (var saved = ModelFolder.Load(dir, device))
            RunPlots.WriteAfterTraining(dir, saved.Model, saved.Config, result.Metrics, device);
        StartupTrace.Mark("plots written");
        var last = result.Metrics.LastOrDefault();
        if (last is not null)
        {
            string best = result.State.BestValElbo is double b ? $"; best validation -ELBO {-b:F2} at epoch {result.State.BestEpoch} (kept in model.dat)" : "";
            console.WriteLine($"Done: {result.State.Epoch} epoch{(result.State.Epoch == 1 ? "" : "s")}, final train -ELBO {-last.TrainElbo:F2}{best}.");
        }
        console.WriteLine($"Model folder: {dir}  (evaluate with: ./vae eval {dir})");
        return ExitCodes.Ok;
    }
}
