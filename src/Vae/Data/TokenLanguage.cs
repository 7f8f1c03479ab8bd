namespace Vae.Data;

/// <summary>The symbols a sequence model reads and writes molecules in (<c>--tokens</c>).</summary>
public enum TokenLanguage
{
    /// <summary>SMILES tokens: atoms, bonds, branch parentheses, ring-closure digits.</summary>
    Smiles,
    /// <summary>SELFIES symbols (Krenn et al. 2020): every sequence of them is a valid molecule.</summary>
    Selfies,
}
