namespace Vae.Reliability;

/// <summary>Random mutations of a valid file: bit flips, byte changes, insertions, deletions, truncation, duplication, extreme values.</summary>
public static class Mutator
{
    public static byte[] Mutate(byte[] valid, Random rng)
    {
        var data = new List<byte>(valid);
        int mutations = 1 + rng.Next(rng.Next(2) == 0 ? 2 : 8);
        for (int m = 0; m < mutations; m++)
        {
            if (data.Count == 0) { data.Add((byte)rng.Next(256)); continue; }
            int at = rng.Next(data.Count);
            switch (rng.Next(9))
            {
                case 0: data[at] ^= (byte)(1 << rng.Next(8)); break;
                case 1: data[at] = (byte)rng.Next(256); break;
                case 2: data[at] = new byte[] { 0x00, 0xFF, 0x7F, 0x80, (byte)'-', (byte)'9', (byte)',', (byte)'"', (byte)'\n' }[rng.Next(9)]; break;
                case 3: data.InsertRange(at, Enumerable.Range(0, 1 + rng.Next(16)).Select(_ => (byte)rng.Next(256))); break;
                case 4: data.RemoveRange(at, Math.Min(data.Count - at, 1 + rng.Next(32))); break;
                case 5: data.RemoveRange(at, data.Count - at); break;                                 // truncate
                case 6: { int len = Math.Min(data.Count - at, 1 + rng.Next(64)); data.InsertRange(rng.Next(data.Count), data.GetRange(at, len)); break; }
                case 7: { int at4 = Math.Min(at, Math.Max(0, data.Count - 4)); for (int i = 0; i < 4 && at4 + i < data.Count; i++) data[at4 + i] = (byte)(rng.Next(2) == 0 ? 0xFF : 0x7F); break; } // huge big-endian counts
                default: data[at] = (byte)(data[at] + rng.Next(-3, 4)); break;
            }
        }
        return data.ToArray();
    }
}
