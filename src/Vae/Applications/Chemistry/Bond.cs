namespace Vae.Applications.Chemistry;

/// <summary>A bond between atoms <see cref="A"/> and <see cref="B"/> (indices into the molecule's atoms).</summary>
public sealed class Bond
{
    public Bond(int a, int b, BondOrder order)
    {
        A = a;
        B = b;
        Order = order;
    }

    public int A { get; }
    public int B { get; }
    public BondOrder Order { get; set; }

    /// <summary>Part of an aromatic ring after perception (the order then is the Kekulé one).</summary>
    public bool Aromatic { get; set; }

    /// <summary>The stereo direction mark written on the bond (<c>/</c> or <c>\</c>), or '\0'.</summary>
    public char Direction { get; init; }

    public int Other(int atom) => atom == A ? B : A;

    public Bond Clone() => new(A, B, Order) { Aromatic = Aromatic, Direction = Direction };
}
