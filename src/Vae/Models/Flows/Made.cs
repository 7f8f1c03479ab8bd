using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Models;

/// <summary>
/// A MADE (Germain et al. 2015) with a context, as IAF uses it: z [.., d] and a context c → m, s [.., d], where
/// m_j and s_j depend on z_&lt;j (and c) only. Two hidden layers of width H with ELU; the context enters the first
/// (<see cref="Context"/> projects the encoder's features h to it). Degrees: input j has degree j (1..d), hidden
/// unit k has degree k mod d (0..d − 1; degree 0 sees only the context), output j has degree j; a hidden unit sees
/// inputs of degree ≤ its own, an output sees hidden units of degree &lt; its own.
/// </summary>
public sealed class Made : nn.Module
{
    /// <summary>Added to s before the sigmoid so that σ starts near 1 (sigmoid(2) ≈ 0.88), as Kingma et al. advise ("+1 or +2").</summary>
    public const double ScaleOffset = 2.0;

    private readonly MaskedLinear input;    // z [.., d] -> [.., H]
    private readonly Linear context;        // h [B, F] -> [B, H]
    private readonly MaskedLinear hidden;   // [.., H] -> [.., H]
    private readonly MaskedLinear output;   // [.., H] -> [m, s] [.., 2d]

    public Made(int latent, int features, int width) : base(nameof(Made))
    {
        var inDegree = arange(1, latent + 1, dtype: ScalarType.Int64);                          // [d]
        var hiddenDegree = arange(width, dtype: ScalarType.Int64).remainder(latent);           // [H]
        var outDegree = cat([inDegree, inDegree]);                                              // [2d]
        input = new MaskedLinear(hiddenDegree.unsqueeze(1).ge(inDegree.unsqueeze(0)));
        context = nn.Linear(features, width);
        hidden = new MaskedLinear(hiddenDegree.unsqueeze(1).ge(hiddenDegree.unsqueeze(0)));
        output = new MaskedLinear(outDegree.unsqueeze(1).gt(hiddenDegree.unsqueeze(0)));
        RegisterComponents();
    }

    /// <summary>The context for the first hidden layer from the encoder's features: h [B, F] → [B, H].</summary>
    public Tensor Context(Tensor features) => context.call(features);

    // z: [..., B, d], c: [B, H] (from Context) -> m, s: [..., B, d]
    public (Tensor M, Tensor S) Forward(Tensor z, Tensor c)
    {
        var a = nn.functional.elu(input.call(z) + c, 1.0);
        a = nn.functional.elu(hidden.call(a), 1.0);
        var parts = output.call(a).chunk(2, dim: -1);
        return (parts[0], parts[1]);
    }
}
