using Vae.Applications.Chemistry;


namespace Vae.Cli.Commands.Chemistry;

public sealed class MolPredictSettings : MolModelSettings
{
    [CommandOption("--property <NAME>")]
    [Description("The target to evaluate (default: the first the head predicts).")]
    public string? Property { get; init; }
}

[Description("How well the property head predicts its target from z = mu(x) on the held-out test molecules: MAE, RMSE, R^2, and the MAE of predicting the training mean.")]
public sealed class MolPredictCommand(CliConsole console) : Command<MolPredictSettings>
{
    public override int Execute(CommandContext context, MolPredictSettings s, CancellationToken cancel)
    {
        var (loaded, vae) = s.LoadSmiles();
        using var _ = loaded;
        string property = s.Property ?? loaded.Config.Data.Targets?.FirstOrDefault() ?? throw new VaeException("this model has no property head; train it with --property tpsa.");
        var test = vae.ReadData().Test;
        var r = PropertyPrediction.Measure(vae, vae.Encode(test), property);
        if (s.Json)
        {
            console.WriteJson(MolPredictResult.From(r));
            return ExitCodes.Ok;
        }
        console.WriteLine($"{test.Name}: {r.Count:N0} molecules, property head on z = mu(x) predicting {r.Property}");
        console.WriteLine($"  MAE {r.Mae:F2}   RMSE {r.Rmse:F2}   R^2 {r.R2:F3}   (predicting the training mean: MAE {r.BaselineMae:F2})");
        return ExitCodes.Ok;
    }
}
