using System.Buffers.Binary;
using System.Text;

namespace Vae.Tests.Platform;

/// <summary>Reads the flags of the version requirements (Elf64_Vernaux) with a given name: an independent reader for the build's patch.</summary>
public static class ElfVersionNeeds
{
    public static List<ushort> Flags(byte[] elf, string version)
    {
        var result = new List<ushort>();
        var span = elf.AsSpan();
        long shoff = BinaryPrimitives.ReadInt64LittleEndian(span[0x28..]);
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);
        for (int i = 0; i < shnum; i++)
        {
            var sh = span[(int)(shoff + i * shentsize)..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]) != 0x6ffffffe) continue;
            int offset = (int)BinaryPrimitives.ReadInt64LittleEndian(sh[0x18..]);
            int link = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh[0x28..]);
            int count = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh[0x2C..]);
            int strtab = (int)BinaryPrimitives.ReadInt64LittleEndian(span[(int)(shoff + link * shentsize + 0x18)..]);
            int vn = offset;
            for (int n = 0; n < count; n++)
            {
                int cnt = BinaryPrimitives.ReadUInt16LittleEndian(span[(vn + 2)..]);
                int aux = vn + (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(vn + 8)..]);
                for (int a = 0; a < cnt; a++)
                {
                    int name = strtab + (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 8)..]);
                    int end = span[name..].IndexOf((byte)0);
                    if (Encoding.ASCII.GetString(span.Slice(name, end)) == version)
                        result.Add(BinaryPrimitives.ReadUInt16LittleEndian(span[(aux + 4)..]));
                    aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 12)..]);
                }
                vn += (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(vn + 12)..]);
            }
        }
        return result;
    }
}
