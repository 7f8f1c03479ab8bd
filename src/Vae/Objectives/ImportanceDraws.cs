using static TorchSharp.torch;

namespace Vae.Objectives;

/// <summary>
/// K importance samples of a batch (<see cref="ImportanceWeighted.Draw"/>): z_k ~ q(z|x) [K, B, d], log q(z_k|x) [K, B],
/// log p(x|z_k) [K, B] (at l_k ~ q(l|x) with a latent library size) and the log weights log w_k [K, B].
/// </summary>
public sealed record ImportanceDraws(Tensor Z, Tensor LogQ, Tensor LogLikelihood, Tensor LogWeights);
