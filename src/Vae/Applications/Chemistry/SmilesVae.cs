using Vae.Data;
using Vae.Evaluation;
using Vae.Models;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Applications.Chemistry;

/// <summary>
/// A trained SMILES VAE with its vocabulary (stored in the model's config, so the folder is
/// self-contained): encodes molecules, decodes latent points into SMILES (greedy, or token by token
/// drawn), samples from the prior and reconstructs.
/// </summary>
public sealed class SmilesVae(VaeModel model, RunConfig config, Device device)
{
    public VaeModel Model { get; } = model;
    public RunConfig Config { get; } = config;
    public Device Device { get; } = device;
    public SmilesVocabulary Vocabulary { get; } = VocabularyOf(config);
    public int MaxTokens => Config.Data.MaxTokens;

    /// <summary>The vocabulary a SMILES model was trained with; a model of other data is an error.</summary>
    public static SmilesVocabulary VocabularyOf(RunConfig config)
    {
        if (!SmilesSource.Handles(config.Data.Source) || config.Data.Vocabulary is null)
            throw new VaeException($"this model was trained on {config.Data.Source}, not on SMILES (train one with --data smiles:<file> --model smiles).");
        try { return SmilesVocabulary.FromTokens(config.Data.Vocabulary, config.Data.Tokens); }
        catch (VaeException e) { throw new VaeException($"the model's config.json: {e.Message}"); }
    }

    /// <summary>The training and test molecules of the model's data, split as in training.</summary>
    public SmilesSplits ReadData() => SmilesData.Read(Config.Data);

    /// <summary>Molecules as token rows with this model's vocabulary (each valid and at most <see cref="MaxTokens"/> tokens), with the targets the model learned.</summary>
    public Dataset Encode(MoleculeSet molecules) => SmilesData.ToDataset(molecules, Vocabulary, MaxTokens, Model.HasPropertyHead ? Config.Data.Targets : null);

    /// <summary>The SMILES spelled by rows of token ids [n·T].</summary>
    public string[] Spell(float[] ids)
    {
        int t = Config.Model.Input.Size;
        return Enumerable.Range(0, ids.Length / t).Select(i => Vocabulary.Decode(ids.AsSpan(i * t, t).ToArray().Select(v => (int)v))).ToArray();
    }

    /// <summary>n molecules decoded from z ~ N(0, I): greedily, or with <paramref name="draw"/> token by token from p(x_t | x_&lt;t, z).</summary>
    public string[] Sample(int n, int seed, bool draw = false) => Spell(Generation.Sample(Model, n, Device, seed, draw));

    /// <summary>Greedy decodings of latent points z [n·d].</summary>
    public string[] Decode(float[] z) => Spell(Generation.Decode(Model, z, Device));

    /// <summary>Greedy decodings of z = μ(x) for each molecule, in batches.</summary>
    public string[] Reconstruct(Dataset data, int batchSize = 500) => Spell(Generation.Reconstruct(Model, data, Device, batchSize));

    /// <summary>Posterior means μ(x): [N·d].</summary>
    public float[] Means(Dataset data) => Generation.Encode(Model, data, Device).Mean;

    /// <summary>The property head's predictions at z [n·d], in the targets' units: [n·P].</summary>
    public float[] Predict(float[] z)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int n = z.Length / Model.Latent;
        return Model.PredictProperties(tensor(z, [n, Model.Latent]).to(Device)).cpu().data<float>().ToArray();
    }

    /// <summary>The index of a target the property head predicts, by name.</summary>
    public int PropertyIndex(string name)
    {
        if (!Model.HasPropertyHead || Config.Data.Targets is not { } targets)
            throw new VaeException("this model has no property head; train it with --property tpsa.");
        int p = Array.FindIndex(targets, t => t.Equals(name, StringComparison.OrdinalIgnoreCase));
        return p >= 0 ? p : throw new VaeException($"--property {name}: the model's head predicts {string.Join(", ", targets)}.");
    }
}
