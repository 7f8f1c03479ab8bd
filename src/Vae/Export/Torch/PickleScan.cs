using System.Buffers.Binary;

namespace Vae.Export.Torch;

/// <summary>
/// Walks a pickle's opcodes (protocols 0 to 5, as Python's pickletools lists them) without running any, and finds the
/// first that the bytes cannot hold: an unknown opcode, or a length-prefixed argument (a string, bytes, a long, a
/// frame) longer than what follows. The unpickler PyBridge uses allocates such an argument at the length it reads
/// before it reads the bytes, so a damaged length would otherwise cost gigabytes; after this walk every allocation it
/// makes is bounded by the pickle's size.
/// </summary>
public static class PickleScan
{
    enum Arg { None, Fixed1, Fixed2, Fixed4, Fixed8, Line, TwoLines, Length1, Length4, Length8 }

    static readonly Dictionary<byte, Arg> Opcodes = Table();

    static Dictionary<byte, Arg> Table()
    {
        var t = new Dictionary<byte, Arg>();
        void Add(string codes, Arg arg) { foreach (char c in codes) t[(byte)c] = arg; }
        Add("(.0120NQRabde}lo]st)u", Arg.None);                       // MARK STOP POP POP_MARK DUP NONE BINPERSID REDUCE APPEND BUILD DICT EMPTY_DICT APPENDS LIST OBJ EMPTY_LIST SETITEM TUPLE EMPTY_TUPLE SETITEMS
        Add("\u0081\u0085\u0086\u0087\u0088\u0089\u008f\u0090\u0091\u0092\u0093\u0094\u0097\u0098", Arg.None);   // NEWOBJ TUPLE1-3 NEWTRUE NEWFALSE EMPTY_SET ADDITEMS FROZENSET NEWOBJ_EX STACK_GLOBAL MEMOIZE NEXT_BUFFER READONLY_BUFFER
        Add("Khq\u0080\u0082", Arg.Fixed1);                             // BININT1 BINGET BINPUT PROTO EXT1
        Add("M\u0083", Arg.Fixed2);                                      // BININT2 EXT2
        Add("Jjr\u0084", Arg.Fixed4);                                    // BININT LONG_BINGET LONG_BINPUT EXT4
        Add("G", Arg.Fixed8);                                            // BINFLOAT
        Add("FILPSVgp", Arg.Line);                                       // FLOAT INT LONG PERSID STRING UNICODE GET PUT
        Add("ci", Arg.TwoLines);                                         // GLOBAL INST
        Add("UC\u008a\u008c", Arg.Length1);                             // SHORT_BINSTRING SHORT_BINBYTES LONG1 SHORT_BINUNICODE
        Add("TXB\u008b", Arg.Length4);                                   // BINSTRING BINUNICODE BINBYTES LONG4
        Add("\u008d\u008e\u0096", Arg.Length8);                          // BINUNICODE8 BINBYTES8 BYTEARRAY8
        t[0x95] = Arg.Fixed8;                                            // FRAME: an 8-byte length of the frame that follows, checked below
        return t;
    }

    /// <summary>The first problem in <paramref name="pickle"/>, said in a few words; null when every opcode fits.</summary>
    public static string? Problem(ReadOnlySpan<byte> pickle)
    {
        int at = 0;
        while (at < pickle.Length)
        {
            byte op = pickle[at];
            if (!Opcodes.TryGetValue(op, out var arg)) return $"an unknown pickle opcode 0x{op:X2} at byte {at}";
            int start = at++;
            long length = arg switch
            {
                Arg.None => 0,
                Arg.Fixed1 => 1,
                Arg.Fixed2 => 2,
                Arg.Fixed4 => 4,
                Arg.Fixed8 => 8,
                Arg.Line => Line(pickle, at),
                Arg.TwoLines => TwoLines(pickle, at),
                Arg.Length1 => at + 1 <= pickle.Length ? 1 + pickle[at] : -1,
                Arg.Length4 => at + 4 <= pickle.Length ? 4 + (long)BinaryPrimitives.ReadInt32LittleEndian(pickle[at..]) : -1,
                Arg.Length8 => at + 8 <= pickle.Length ? Length8(pickle[at..]) : -1,
                _ => -1,
            };
            if (op == 0x95 && at + 8 <= pickle.Length && Length8(pickle[at..]) - 8 > pickle.Length - at - 8)
                return $"a frame at byte {start} longer than the pickle";
            if (length < (arg is Arg.Length4 ? 4 : 0) || length > pickle.Length - at)
                return $"the argument of opcode 0x{op:X2} at byte {start} runs past the end of the pickle ({pickle.Length} bytes)";
            at += (int)length;
            if (op == (byte)'.') return null;   // STOP
        }
        return "it ends without a STOP opcode";
    }

    // The length of a newline-terminated argument, with its newline; -1 when there is no newline.
    static long Line(ReadOnlySpan<byte> pickle, int at)
    {
        if (at > pickle.Length) return -1;
        int newline = pickle[at..].IndexOf((byte)'\n');
        return newline < 0 ? -1 : newline + 1;
    }

    static long TwoLines(ReadOnlySpan<byte> pickle, int at)
    {
        long first = Line(pickle, at);
        if (first < 0) return -1;
        long second = Line(pickle, at + (int)first);
        return second < 0 ? -1 : first + second;
    }

    static long Length8(ReadOnlySpan<byte> bytes)
    {
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return n > int.MaxValue ? long.MaxValue - 8 : 8 + (long)n;
    }
}
