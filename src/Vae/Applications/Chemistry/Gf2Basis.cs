using System.Collections;

namespace Vae.Applications.Chemistry;

/// <summary>Incremental Gaussian elimination over GF(2): keeps cycles (as bond sets) that are independent.</summary>
sealed class Gf2Basis(int size)
{
    readonly List<(BitArray Row, int Pivot)> rows = [];

    public bool AddIfIndependent(IEnumerable<int> bonds)
    {
        var v = new BitArray(size);
        foreach (int b in bonds) v[b] = !v[b];
        foreach (var (row, pivot) in rows)
            if (v[pivot]) v.Xor(row);
        int p = -1;
        for (int i = 0; i < size; i++) if (v[i]) { p = i; break; }
        if (p < 0) return false;
        rows.Add((v, p));
        return true;
    }
}
