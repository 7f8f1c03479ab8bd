using Vae.Data; using Vae.Distributions; using Vae.Evaluation; using Vae.Models; using Vae.Runs; using Vae.Training;
using static TorchSharp.torch;

// dotnet run -- [data source] [model folder]: trains a small VAE (2 epochs, d = 8) and evaluates it on the test split.
string source = args.Length > 0 ? args[0] : "fashion-mnist", folder = args.Length > 1 ? args[1] : "runs/quickstart";
var config = new RunConfig { Data = new DataOptions { Source = source, ValidationSize = 0 },
    Model = ModelOptions.MnistMlp with { Latent = 8, Likelihood = source == "fashion-mnist" ? LikelihoodKind.Bernoulli : LikelihoodKind.GaussianOptimal },
    Training = TrainingOptions.Default with { Epochs = 2, Seed = 1 } };
using (var trainer = Trainer.Start(config, folder, CPU, overwrite: true)) trainer.Run();
using var model = ModelFolder.Load(folder, CPU);
var report = ModelEvaluator.Evaluate(model.Model, EvaluationData.LoadTest(model.Config), CPU, k: 100);
Console.WriteLine($"{folder}: test -ELBO {-report.Elbo:F3} (reconstruction {report.Reconstruction:F3}, KL {report.Kl:F3}), NLL {report.Nll:F3} (K = 100, n = {report.N})");
