using Vae.Cli.Commands;
using Vae.Cli.Commands.Chemistry;
using Vae.Cli.Commands.Disentanglement;
using Vae.Cli.Commands.Physics;
using Vae.Cli.Commands.Robotics;
using Vae.Cli.Commands.SingleCell;

namespace Vae.Cli;

/// <summary>
/// The verbs of `vae`, registered one way: <c>AddCommand&lt;T&gt;(name)</c> with examples (each command's
/// description is the [Description] on its class), branches for the domain packs. Names are US English,
/// as .NET's are; the British spellings used before stay as aliases, so older command lines still work.
/// </summary>
public static class Verbs
{
    public static CommandApp Create(CliConsole console)
    {
        var app = new CommandApp();
        app.Configure(c =>
        {
            c.SetApplicationName("vae");
            c.ConfigureConsole(console.Output);
            c.Settings.Registrar.RegisterInstance(console);
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
            c.AddCommand<ReportCommand>("report").WithExample("report", "runs/ref", "--out", "report.html").WithExample("report", "runs/sweep", "--quick");
            c.AddCommand<FactorAnalysisCommand>("fa").WithExample("fa", "--data", "csv:table.csv", "--latent", "3", "--json");
            c.AddCommand<GapCommand>("gap").WithExample("gap", "runs/ref", "--n", "200", "--json");
            c.AddCommand<SweepCommand>("sweep").WithExample("sweep", "--beta", "0.1,0.25,0.5,1,2,4,8", "--epochs", "10", "--out", "runs/sweep");
            c.AddCommand<FidCommand>("fid").WithExample("fid", "runs/ae", "--prior", "fitted", "--json");
            c.AddCommand<GradientVarianceCommand>("gradient-variance").WithExample("gradient-variance", "runs/ref", "--repetitions", "200");
            c.AddCommand<ConvertCommand>("convert").WithExample("convert", "--data", "fashion-mnist", "--out", "data/fmnist-shards");
            c.AddCommand<PruneCommand>("prune").WithExample("prune", "runs/d64", "--threshold", "0.05", "--fine-tune-epochs", "2", "--out", "runs/d64-pruned");
            c.AddCommand<ModelExportCommand>("export").WithExample("export", "runs/ref", "--format", "onnx", "--out", "runs/ref/onnx")
                .WithExample("export", "runs/ref", "--format", "safetensors", "--out", "runs/ref/torch");
            c.AddCommand<ImportCommand>("import").WithExample("import", "runs/ref/torch", "--out", "runs/from-torch")
                .WithExample("import", "trained.pt", "--config", "runs/ref/torch/config.json", "--out", "runs/from-torch");
            c.AddCommand<DSpritesCommand>("dsprites").WithExample("dsprites", "--out", "data/dsprites", "--subset", "50000");
            c.AddCommand<DisentangleCommand>("disentangle").WithExample("disentangle", "runs/dsprites", "--data", "data/dsprites", "--json");

            c.AddBranch<CommonSettings>("mol", b =>
            {
                b.SetDescription("Molecules as SMILES: validity checks, descriptors, and what a SMILES VAE (train --model smiles) generates.");
                b.AddCommand<MolCheckCommand>("check").WithExample("mol", "check", "molecules.smi", "--json");
                b.AddCommand<MolPropsCommand>("props").WithExample("mol", "props", "molecules.smi");
                b.AddCommand<MolSampleCommand>("sample").WithExample("mol", "sample", "runs/smiles", "--n", "1000", "--json");
                b.AddCommand<MolReconstructCommand>("reconstruct").WithExample("mol", "reconstruct", "runs/smiles", "--json");
                b.AddCommand<MolPredictCommand>("predict").WithExample("mol", "predict", "runs/smiles", "--json");
                b.AddCommand<MolOptimizeCommand>("optimize").WithAlias("optimise").WithExample("mol", "optimize", "runs/smiles", "--property", "tpsa", "--direction", "up", "--steps", "50");
                b.AddCommand<MolPlotCommand>("plot").WithExample("mol", "plot", "runs/smiles", "--out", "latent_tpsa.png");
            });
            c.AddBranch<CommonSettings>("sc", b =>
            {
                b.SetDescription("Single-cell RNA-seq: simulate counts, describe them, the PCA baseline, and evaluate and export models trained on counts (vae train --data 10x:<dir>).");
                b.AddCommand<SimulateCommand>("simulate").WithExample("sc", "simulate", "--cells", "5000", "--genes", "2000", "--out", "runs/sc-sim");
                b.AddCommand<DescribeCommand>("describe").WithExample("sc", "describe", "--data", "10x:runs/sc-sim", "--metadata", "runs/sc-sim/metadata.csv");
                b.AddCommand<BaselineCommand>("baseline").WithExample("sc", "baseline", "--data", "10x:runs/sc-sim", "--metadata", "runs/sc-sim/metadata.csv", "--json");
                b.AddCommand<EvaluateCommand>("evaluate").WithExample("sc", "evaluate", "runs/sc-nb", "--json");
                b.AddCommand<ExportCommand>("export").WithExample("sc", "export", "runs/sc-nb", "--out", "runs/sc-nb/export");
                b.AddCommand<TradeoffCommand>("tradeoff").WithExample("sc", "tradeoff", "runs/sc-sweep");
            });
            c.AddBranch<CommonSettings>("ising", b =>
            {
                b.SetDescription("2-D Ising model: simulate spin configurations, and find the phase transition with a VAE.");
                b.AddCommand<IsingSimulateCommand>("simulate").WithExample("ising", "simulate", "--size", "32", "--temperatures", "1.0:3.5:0.05", "--samples", "500", "--out", "runs/ising-L32");
                b.AddCommand<IsingAnalyzeCommand>("analyze").WithAlias("analyse").WithExample("ising", "analyze", "runs/ising-L32-vae", "--plots", "runs/ising-L32-plots");
                b.AddCommand<IsingExperimentCommand>("experiment").WithExample("ising", "experiment", "--sizes", "16,32,64", "--out", "runs/ising");
            });
            c.AddBranch<CommonSettings>("robot", b =>
            {
                b.SetDescription("Robotics: world-model VAEs on a simulated pendulum or two-link arm (simulate, probe, dream, experiment).");
                b.AddCommand<RobotSimulateCommand>("simulate").WithExample("robot", "simulate", "--system", "arm", "--episodes", "100", "--steps", "50", "--seed", "0", "--out", "data/arm");
                b.AddCommand<RobotProbeCommand>("probe").WithExample("robot", "probe", "runs/arm", "--data", "data/arm", "--json");
                b.AddCommand<RobotDreamCommand>("dream").WithExample("robot", "dream", "runs/arm", "--data", "data/arm", "--horizon", "20", "--out", "strip.png");
                b.AddCommand<RobotExperimentCommand>("experiment").WithExample("robot", "experiment", "--out", "runs/robotics");
            });
        });
        return app;
    }
}
