using System.Diagnostics;

namespace Vae.Cli;

/// <summary>A one-line progress display for long loops over examples, redrawn in place on <paramref name="output"/> unless <paramref name="quiet"/> (see <see cref="CliConsole.Count"/>).</summary>
public sealed class CountProgress(TextWriter output, string what, int total, bool quiet) : IProgress<int>
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Stopwatch sinceDraw = Stopwatch.StartNew();
    private readonly bool show = !quiet;
    private bool drawn;

    public void Report(int done)
    {
        if (!show || sinceDraw.ElapsedMilliseconds < 200) return;
        sinceDraw.Restart();
        double rate = done / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        double eta = (total - done) / Math.Max(rate, 1e-9);
        output.Write($"\r{what}: {done:N0}/{total:N0} examples, {rate:N1}/s, about {TimeSpan.FromSeconds(eta):hh\\:mm\\:ss} left   ");
        drawn = true;
    }

    public void Done()
    {
        if (drawn) output.Write("\r" + new string(' ', 100) + "\r");
        drawn = false;
    }
}
