using Vae.Applications.Chemistry;

namespace Vae.Cli.Commands.Chemistry;

/// <summary>Options of the verbs that use a trained SMILES VAE.</summary>
public class MolModelSettings : ModelSettings
{
    [CommandOption("--json")]
    [Description("Print one JSON object.")]
    public bool Json { get; init; }

    /// <summary>Loads the model folder as a SMILES VAE (with its stored vocabulary).</summary>
    public (LoadedModel Loaded, SmilesVae Vae) LoadSmiles()
    {
        var device = Setup();
        var loaded = ModelFolder.Load(ModelDir, device);
        try { return (loaded, new SmilesVae(loaded.Model, loaded.Config, device)); }
        catch { loaded.Dispose(); throw; }
    }

    /// <summary>Molecules of a <c>smiles:</c> source encodable by the model (valid, short enough), with the number left out.</summary>
    public static (MoleculeSet Molecules, int LeftOut) ReadMolecules(string source, SmilesVae vae)
    {
        if (!SmilesSource.Handles(source)) throw new VaeException($"--data {source}: give molecules as smiles:<file>[:column].");
        var all = SmilesSource.Load(source);
        var (kept, invalid, tooLong) = SmilesData.Usable(all, vae.MaxTokens, vae.Vocabulary.Language);
        if (kept.Count == 0) throw new VaeException($"--data {source}: no valid molecule of at most {vae.MaxTokens} tokens.");
        return (kept, invalid + tooLong);
    }
}
