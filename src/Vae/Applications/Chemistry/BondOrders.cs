namespace Vae.Applications.Chemistry;

public static class BondOrders
{
    /// <summary>Contribution to the valence of either atom (aromatic counts 1.5).</summary>
    public static double Valence(this BondOrder order) => order == BondOrder.Aromatic ? 1.5 : (int)order;

    public static string Symbol(this BondOrder order) => order switch
    {
        BondOrder.Single => "-",
        BondOrder.Double => "=",
        BondOrder.Triple => "#",
        BondOrder.Quadruple => "$",
        _ => ":",
    };
}
