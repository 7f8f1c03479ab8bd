using System.Diagnostics;
using Vae.Training;

namespace Vae.Cli;

/// <summary>
/// Shows training progress: on a terminal a line redrawn in place during each epoch, and one
/// permanent line per epoch; when output is redirected, only the per-epoch lines (plus one line
/// every 30 s in long epochs).
/// </summary>
public sealed class ProgressDisplay(TextWriter output, bool interactive) : ITrainingObserver
{
    private readonly Stopwatch sinceDraw = Stopwatch.StartNew();
    private int epochs;
    private bool lineOpen;

    public void OnStart(TrainingStart s)
    {
        epochs = s.Epochs;
        string val = s.ValidationCount is int v ? $", {v:N0} validation" : "";
        string resumed = s.ResumedAtBatch > 0 ? $" (resuming inside epoch {s.FirstEpoch} at batch {s.ResumedAtBatch + 1})" : s.FirstEpoch > 1 ? $" (resuming at epoch {s.FirstEpoch})" : "";
        output.WriteLine($"Training on {s.TrainCount:N0} examples{val}; {s.BatchesPerEpoch} batches per epoch, epochs {s.FirstEpoch}-{s.Epochs}, {s.Parameters:N0} parameters, device {s.Device}{resumed}.");
    }

    public void OnBatch(BatchProgress p)
    {
        bool due = interactive ? sinceDraw.ElapsedMilliseconds >= 100 : sinceDraw.ElapsedMilliseconds >= 30_000;
        if (!due && p.Batch != p.Batches) return;
        if (p.Batch == p.Batches && !interactive) return;
        sinceDraw.Restart();
        int width = 20, filled = (int)Math.Round(width * (double)p.Batch / p.Batches);
        string line = $"epoch {p.Epoch}/{p.Epochs} [{new string('#', filled)}{new string('.', width - filled)}] {p.Batch}/{p.Batches}  loss {p.Loss:F2}  rec {p.Reconstruction:F2}  KL {p.Kl:F2}  {p.SamplesPerSecond:N0} ex/s";
        if (interactive) { output.Write("\r" + line.PadRight(Console.WindowWidth > 0 ? Math.Min(Console.WindowWidth - 1, 120) : 100)); lineOpen = true; }
        else output.WriteLine(line);
    }

    public void OnEpoch(EpochMetrics m, bool isBest)
    {
        CloseLine();
        string val = m.ValElbo is double v ? $"  val -ELBO {-v:F2}{(isBest ? " *" : "")}" : "";
        string terms = m.TrainTerms is null ? "" : string.Concat(m.TrainTerms.Select(t => $", {t.Key} {t.Value:F2}"));
        output.WriteLine($"epoch {m.Epoch,3}/{epochs}  train -ELBO {-m.TrainElbo:F2} (rec {m.TrainReconstruction:F2}, KL {m.TrainKl:F2}{(m.TrainKlLibrary is double kll ? $", KL_l {kll:F2}" : "")}{terms}){val}  {m.SamplesPerSecond:N0} ex/s  {m.Seconds:F1} s");
    }

    public void OnMessage(string message)
    {
        CloseLine();
        output.WriteLine(message);
    }

    private void CloseLine()
    {
        if (!lineOpen) return;
        output.Write("\r" + new string(' ', Console.WindowWidth > 0 ? Math.Min(Console.WindowWidth - 1, 120) : 100) + "\r");
        lineOpen = false;
    }
}
