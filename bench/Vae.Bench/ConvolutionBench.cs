using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vae.Nn;
using static TorchSharp.torch;

namespace Vae.Bench;

/// <summary>
/// `bench/run convolutions`: how many float32 CPU convolutions libtorch gets wrong, and how fast the
/// conv VAE's convolutions run, under each way the library can send them: ATen's kernels (oneDNN
/// off), oneDNN's forward and weight-gradient kernels with backward-data as forward convolutions (the
/// default), oneDNN unchanged at the machine's full instruction set, capped at AVX2, and at SSE4.1. Each setting runs in a child process of its own (ONEDNN_MAX_CPU_ISA is
/// read once per process). "Wrong" is a forward output, input gradient or weight gradient further than
/// 1e-4 (relative to 1 + the largest value) from the same computation in float64, which never goes
/// through oneDNN.
/// </summary>
public static class ConvolutionBench
{
    private static readonly (string Name, string[] Env)[] Settings =
    [
        ("ATen (oneDNN off; VAE_CONVOLUTIONS=aten)", ["VAE_CONVOLUTIONS=aten"]),
        ("oneDNN forward and weight gradients, backward-data as forward convolutions (the default; VAE_CONVOLUTIONS=onednn-forward)", ["VAE_CONVOLUTIONS=onednn-forward"]),
        ("oneDNN, full instruction set (VAE_CONVOLUTIONS=onednn)", ["VAE_CONVOLUTIONS=onednn"]),
        ("oneDNN capped at AVX2", ["VAE_CONVOLUTIONS=onednn", "ONEDNN_MAX_CPU_ISA=AVX2"]),
        ("oneDNN capped at SSE4.1", ["VAE_CONVOLUTIONS=onednn", "ONEDNN_MAX_CPU_ISA=SSE41"]),
    ];

    public static string Run(string command, int steps)
    {
        var md = new StringBuilder();
        md.AppendLine("# CPU convolutions: correct, and how fast").AppendLine();
        md.AppendLine($"Command: `{command}` ({DateTime.UtcNow:yyyy-MM-dd}). Machine: {Machine.Describe()}.").AppendLine();
        md.AppendLine("Each row is a child process with the settings named. *Wrong* counts the configurations (of 1,920: batch 2 and 64; "
            + "plain and transposed; 1–64 input and output channels; 3×3, 4×4 stride 2, 7×7 and 1×1 kernels; 4×4 to 28×28 inputs) whose "
            + "float32 output, input gradient or weight gradient is further than 1e-4 × (1 + the largest value) from float64, or NaN. "
            + "Each configuration runs through the path the library's layers take (`Nn.CheckedConvolution`), which is libtorch's own function except on the onednn-forward row. "
            + $"*Conv VAE step* is the mean time of a forward and backward pass through the conv VAE's convolutions "
            + $"(1→32→64, 4×4 stride 2, and back through transposed convolutions; batch 128 of 28×28) over {steps} steps after 5 warm-up steps.").AppendLine();
        md.AppendLine("| convolutions through | wrong configurations | of which NaN | conv VAE step (ms) | speed relative to ATen |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        double? aten = null;
        foreach (var (name, env) in Settings)
        {
            Console.Error.WriteLine($"convolutions: {name} …");
            var parts = Child(env, steps).Split('\t');
            int wrong = int.Parse(parts[0], CultureInfo.InvariantCulture), nan = int.Parse(parts[1], CultureInfo.InvariantCulture);
            double ms = double.Parse(parts[2], CultureInfo.InvariantCulture);
            aten ??= ms;
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {wrong} | {nan} | {ms:F1} | {aten / ms:F2}× |");
        }
        md.AppendLine().AppendLine("When the first module that convolves is built (`Nn.CheckedConvolution.Prepare`), the library self-checks "
            + "oneDNN's forward and weight-gradient kernels against float64 and takes the onednn-forward path, or turns oneDNN off (ATen) if the check fails; "
            + "`VAE_CONVOLUTIONS` chooses (README, Troubleshooting). `tests/Vae.Tests/Nn/ConvolutionTests.cs` checks the shapes its models use.");
        return md.ToString();
    }

    private static string Child(string[] env, int steps)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        info.ArgumentList.Add(typeof(ConvolutionBench).Assembly.Location);
        info.ArgumentList.Add("convolutions-child");
        info.ArgumentList.Add(steps.ToString(CultureInfo.InvariantCulture));
        info.Environment.Remove("VAE_ONEDNN");
        info.Environment.Remove("VAE_CONVOLUTIONS");
        info.Environment.Remove("ONEDNN_MAX_CPU_ISA");
        foreach (var e in env) { var kv = e.Split('=', 2); info.Environment[kv[0]] = kv[1]; }
        using var p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"convolutions child ({string.Join(" ", env)}) failed with exit code {p.ExitCode}");
        return output.Trim().Split('\n')[^1];
    }

    /// <summary>The child: wrong configurations, NaN configurations, and milliseconds per conv VAE step, tab-separated.</summary>
    public static string ChildRun(int steps)
    {
        _ = zeros(1);
        CheckedConvolution.Prepare();
        var (wrong, nan) = Sweep();
        double ms = StepMilliseconds(steps);
        return string.Create(CultureInfo.InvariantCulture, $"{wrong}\t{nan}\t{ms:F3}");
    }

    private static (int Wrong, int Nan) Sweep()
    {
        var g = new Generator(1);
        int wrong = 0, nan = 0;
        foreach (int b in new[] { 2, 64 })
        foreach (bool transposed in new[] { false, true })
        foreach (int cin in new[] { 1, 3, 4, 8, 32, 64 })
        foreach (int cout in new[] { 1, 4, 8, 32, 64 })
        foreach (var (k, s, p) in new[] { (3, 1, 1), (4, 2, 1), (7, 1, 3), (1, 1, 0) })
        foreach (int hw in new[] { 4, 8, 14, 28 })
        {
            using var scope = NewDisposeScope();
            var x = randn([b, cin, hw, hw], generator: g);
            var w = randn(transposed ? [cin, cout, k, k] : [cout, cin, k, k], generator: g);
            // the path the library's layers take: libtorch's functions, or (onednn-forward) CheckedConvolution's
            var (worst, anyNan, _) = CheckedConvolution.DifferenceFromFloat64(x, w, s, p, transposed, forwardOnly: false, g);
            if (anyNan) nan++;
            if (anyNan || worst > 1e-4) wrong++;
        }
        return (wrong, nan);
    }

    private static double StepMilliseconds(int steps)
    {
        var g = new Generator(2);
        using var conv1 = nn.Conv2d(1, 32, 4, stride: 2, padding: 1);
        using var conv2 = nn.Conv2d(32, 64, 4, stride: 2, padding: 1);
        using var deconv1 = nn.ConvTranspose2d(64, 32, 4, stride: 2, padding: 1);
        using var deconv2 = nn.ConvTranspose2d(32, 1, 4, stride: 2, padding: 1);
        using var relu = nn.ReLU();
        var x = rand([128, 1, 28, 28], generator: g);
        var watch = new Stopwatch();
        for (int i = 0; i < steps + 5; i++)
        {
            if (i == 5) watch.Start();
            using var scope = NewDisposeScope();
            var y = CheckedConvolution.Run([conv1, relu, conv2, relu, deconv1, relu, deconv2], x);
            (y - x).pow(2).mean().backward();
        }
        watch.Stop();
        return watch.Elapsed.TotalMilliseconds / steps;
    }
}
