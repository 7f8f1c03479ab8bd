namespace Vae.Applications.Robotics;

/// <summary>
/// Held-out R² for each state variable, from the VAE's latent means and from PCA with as many
/// components: of a linear probe (<see cref="Vae"/>, <see cref="Pca"/>) and of a nearest-neighbour
/// probe (<see cref="VaeKnn"/>, <see cref="PcaKnn"/>).
/// </summary>
public sealed record ProbeResult(string[] Variables, double[] Vae, double[] Pca, double[] VaeKnn, double[] PcaKnn, int Components, int TrainRows, int TestRows)
{
    /// <summary>{"vae": {variable: R²}, "pca": {variable: R²}}.</summary>
    public Dictionary<string, Dictionary<string, double>> ToDictionary() => new()
    {
        ["vae"] = Variables.Select((v, i) => (v, Vae[i])).ToDictionary(p => p.v, p => Math.Round(p.Item2, 6)),
        ["pca"] = Variables.Select((v, i) => (v, Pca[i])).ToDictionary(p => p.v, p => Math.Round(p.Item2, 6)),
    };

    /// <summary>The nearest-neighbour probes: {"vae_knn": {…}, "pca_knn": {…}}.</summary>
    public Dictionary<string, Dictionary<string, double>> NearestNeighbourDictionary() => new()
    {
        ["vae_knn"] = Variables.Select((v, i) => (v, VaeKnn[i])).ToDictionary(p => p.v, p => Math.Round(p.Item2, 6)),
        ["pca_knn"] = Variables.Select((v, i) => (v, PcaKnn[i])).ToDictionary(p => p.v, p => Math.Round(p.Item2, 6)),
    };
}
