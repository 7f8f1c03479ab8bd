namespace Vae.Applications.Robotics;

/// <summary>Held-out R² of a linear probe for each state variable, from the VAE's latent means and from PCA with as many components.</summary>
public sealed record ProbeResult(string[] Variables, double[] Vae, double[] Pca, int Components, int TrainRows, int TestRows)
{
    /// <summary>{"vae": {variable: R²}, "pca": {variable: R²}}.</summary>
    public Dictionary<string, Dictionary<string, double>> ToDictionary() => new()
    {
        ["vae"] = Variables.Select((v, i) => (v, Vae[i])).ToDictionary(p => p.v, p => Math.Round(p.Item2, 6)),
        ["pca"] = Variables.Select((v, i) => (v, Pca[i])).ToDictionary(p => p.v, p => Math.Round(p.Item2, 6)),
    };
}
