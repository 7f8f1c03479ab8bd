using Vae.Export.Torch;

namespace Vae.Cli.Commands;

public sealed class ImportSettings : CommonSettings
{
    [CommandArgument(0, "<source>")]
    [Description("A folder written by `vae export --format safetensors|pt` (config.json names the weights), or a PyTorch state dict file: .safetensors, or .pt/.pth/.bin from torch.save.")]
    public string Source { get; init; } = "";

    [CommandOption("--config <FILE>")]
    [Description("The model the state dict is for: the config.json of an export or of a model folder, or either folder (default: the config.json in or beside <source>).")]
    public string? Config { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("The model folder to write (required); vae eval, sample and the other verbs read it.")]
    public string? Out { get; init; }

    [CommandOption("--overwrite")]
    [Description("Replace a model already in --out.")]
    public bool Overwrite { get; init; }
}

[Description("Import a PyTorch state dict (safetensors or torch.save) into a model folder: the model is built from the config, every key, dtype and shape is checked against it, then the weights are loaded.")]
public sealed class ImportCommand(CliConsole console) : Command<ImportSettings>
{
    public override int Execute(CommandContext context, ImportSettings s, CancellationToken cancel)
    {
        if (s.Out is null) throw new VaeException("--out <DIR> is required (the model folder to write).");
        s.Setup();
        var r = TorchImport.Import(s.Source, s.Config, s.Out, s.Overwrite);
        console.WriteLine($"Imported {r.Weights} ({(r.Format == TorchFormat.Pt ? "torch.save" : "safetensors")}, {r.Tensors} tensors, {r.Values:N0} values) into {r.ModelDir} (the model of {r.Config}).");
        return ExitCodes.Ok;
    }
}
