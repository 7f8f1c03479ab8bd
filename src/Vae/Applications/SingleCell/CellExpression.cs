using Vae.Data;
using Vae.Distributions;
using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Applications.SingleCell;

/// <summary>
/// Expression as a count model sees it: the normalised expression ρ = softmax(decoder logits) of each
/// cell at z = μ(x) (the mean of q(z|x)), proportions over the genes that sum to 1, decoded with the
/// cell's own batch or, batch-corrected, with every cell's batch set to one reference batch ("as if
/// every cell had been sequenced in batch b"). For ZINB, ρ is that of the NB part (the zero
/// inflation is a technical dropout, not expression). ρ does not depend on the library size, so it is the same
/// kind of output whether the model uses the observed total counts or a latent library size (<c>--latent-library</c>).
/// </summary>
public static class CellExpression
{
    /// <summary>ρ of every example of <paramref name="data"/>: [N × D]. A <paramref name="batch"/> (one-hot index) replaces each cell's condition in the decoder.</summary>
    public static float[] Normalised(VaeModel model, Dataset data, Device device, int? batch = null, int batchSize = 500)
    {
        if (model.Likelihood is not CountLikelihood counts)
            throw new VaeException($"normalised expression needs a count likelihood (poisson, nb, zinb); this model's is {model.Options.Likelihood}.");
        if (batch is int b && (b < 0 || b >= model.Options.Conditions))
            throw new VaeException($"batch {b}: the model has {model.Options.Conditions} batches.");
        int d = data.Dimension;
        var result = new float[(long)data.Count * d];
        using var evaluating = EvaluationMode.Enter(model);
        foreach (var (start, n, input) in data.Batches(batchSize, device))
        {
            var mu = model.Encode(input).Mean;
            var condition = batch is int r ? OneHotRows(n, model.Options.Conditions, r, device) : input.Condition;
            var rho = counts.NormalisedExpression(model.Decode(mu, new Batch(input.X, condition)));
            rho.cpu().data<float>().CopyTo(result, checked(start * d));
        }
        return result;
    }

    static Tensor OneHotRows(int n, int width, int index, Device device)
    {
        var c = zeros(n, width, device: device);
        c[TensorIndex.Colon, index] = tensor(1f);
        return c;
    }
}
