namespace Vae.Applications.SingleCell;

/// <summary>
/// The VAE's scores on cells (JSON object <c>vae</c>): the embedding metrics of its latent means and the held-out likelihood,
/// overall and for the rare type; with a latent library size also the held-out cells' mean KL(q(l|x) ‖ p(l)) (omitted otherwise).
/// </summary>
public sealed record VaeCellScores(double Ari, double Nmi, double Silhouette, double BatchMixing,
    double HeldoutLoglik, double HeldoutLoglikSe, double HeldoutLoglikRare, double HeldoutLoglikRareSe,
    double HeldoutElbo, double HeldoutElboRare, double HeldoutRecon, double HeldoutReconRare,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] double? HeldoutKlLibrary = null);
