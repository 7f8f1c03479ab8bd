using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using TorchSharp;
using TorchSharp.PyBridge;
using Vae.Export.Torch;
using Vae.Models;
using Vae.Runs;
using Vae.Tests.Cli;
using static TorchSharp.torch;

namespace Vae.Tests.Export;

/// <summary>
/// A state dict that does not fit the model, or a file that is not a readable state dict, is refused by `vae import` in
/// one line naming the file (and the tensor) before PyBridge reads any of it, and no model folder is written.
/// </summary>
public sealed class TorchImportErrorTests : IDisposable
{
    private readonly TempDir tmp = new();
    private readonly VaeModel model;
    private readonly string export;

    public TorchImportErrorTests()
    {
        var options = TestModels.SmallMlp(input: 6, latent: 2) with { Network = new MlpNetwork { Hidden = [4] } };
        model = new VaeModel(options, seed: 0);
        export = tmp.File("export");
        TorchExport.Write(new RunConfig { Model = options }, model, "small", export, TorchFormat.Safetensors);
    }

    public void Dispose()
    {
        model.Dispose();
        tmp.Dispose();
    }

    public static TheoryData<string> Cases => [.. CaseNames];

    static readonly string[] CaseNames =
    [
        "short", "header-past-end", "truncated", "bad-offsets", "unknown-dtype", "size-mismatch", "overlap", "gap", "not-utf8", "not-json", "not-an-object",
        "missing-key", "extra-key", "wrong-shape", "float64",
        "pt-not-zip", "pt-truncated", "pt-no-pickle", "pt-bad-pickle", "pt-missing-key", "pt-extra-key", "pt-wrong-shape", "pt-float64", "pt-view",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_Bad_State_Dict_Is_Refused_In_One_Line_Naming_The_File_And_Nothing_Is_Written(string name)
    {
        var (file, expected) = Make(name);
        string outDir = tmp.File("out-" + name);
        var e = Assert.Throws<VaeException>(() => TorchImport.Import(file, export, outDir));
        Assert.StartsWith(file + ":", e.Message);
        foreach (string phrase in expected) Assert.True(e.Message.Contains(phrase, StringComparison.Ordinal), $"\"{phrase}\" is not in: {e.Message}");
        Assert.DoesNotContain('\n', e.Message);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void The_Command_Refuses_With_Exit_Code_2_And_One_Line()
    {
        var (file, _) = Make("wrong-shape");
        var r = CliRunner.Run("import", file, "--config", Path.Combine(export, "config.json"), "--out", tmp.File("cli-out"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("tensor 'head.weight' has shape [4, 5]", r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
        Assert.False(Directory.Exists(tmp.File("cli-out")));

        var noConfig = CliRunner.Run("import", Copy("lonely/model.safetensors", Path.Combine(export, "model.safetensors")), "--out", tmp.File("cli-out"));
        Assert.Equal(2, noConfig.ExitCode);
        Assert.Contains("pass --config", noConfig.Error);
        var good = CliRunner.Run("import", Path.Combine(tmp.Path, "lonely", "model.safetensors"), "--config", export, "--out", tmp.File("cli-out"));
        Assert.True(good.ExitCode == 0, good.Error);
        var again = CliRunner.Run("import", export, "--out", tmp.File("cli-out"));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already holds a model", again.Error);
    }

    (string File, string[] Expected) Make(string name) => name switch
    {
        "short" => (Bytes("short.safetensors", [1, 2, 3, 4, 5]), ["5 bytes, too short"]),
        "header-past-end" => (Patched("past.safetensors", b => BinaryPrimitives.WriteUInt64LittleEndian(b, 1_000_000)), ["the header length 1000000 runs past the end"]),
        "truncated" => (Bytes("truncated.safetensors", Valid()[..^10]), ["tensor 'decoder.network.layers.2.bias'", "outside the", "truncated"]),
        "bad-offsets" => (Header("offsets.safetensors", h => h["head.bias"]!["data_offsets"] = new JsonArray(0, 99999)), ["tensor 'head.bias' has data_offsets [0, 99999] outside the"]),
        "unknown-dtype" => (Header("dtype.safetensors", h => h["head.weight"]!["dtype"] = "F8_E4M3"), ["tensor 'head.weight' has the dtype 'F8_E4M3'"]),
        "size-mismatch" => (Header("size.safetensors", h => h["head.weight"]!["shape"] = new JsonArray(4, 5)), ["tensor 'head.weight' of shape [4, 5] and dtype F32 takes 80 bytes"]),
        "overlap" => (Header("overlap.safetensors", h => h["head.bias"]!["data_offsets"] = h["encoder.layers.0.bias"]!["data_offsets"]!.DeepClone()), ["overlaps tensor"]),
        "gap" => (Bytes("gap.safetensors", [.. Valid(), 0, 0, 0, 0]), ["4 bytes after the last tensor's data belong to no tensor"]),
        "not-utf8" => (HeaderText("utf8.safetensors", [.. "{\"head.w"u8, 0xE9, .. "\": 1}"u8]), ["the header is not UTF-8 JSON (byte 0xE9 at offset 16)"]),
        "not-json" => (HeaderText("json.safetensors", "{\"head.weight\": [not json"u8.ToArray()), ["the header is not JSON"]),
        "not-an-object" => (HeaderText("array.safetensors", "[1]"u8.ToArray()), ["not a JSON object of tensors"]),
        "missing-key" => (Safetensors("missing.safetensors", s => s.Remove("head.bias")), ["has no tensor 'head.bias', which the model of", "config.json needs"]),
        "extra-key" => (Safetensors("extra.safetensors", s => s["extra.weight"] = zeros(2)), ["has a tensor 'extra.weight' that the model of"]),
        "wrong-shape" => (Safetensors("shape.safetensors", s => s["head.weight"] = zeros(4, 5)), ["tensor 'head.weight' has shape [4, 5], the model of", "expects [4, 4]"]),
        "float64" => (Safetensors("f64.safetensors", s => s["head.weight"] = s["head.weight"].to(ScalarType.Float64)), ["tensor 'head.weight' is F64", "holds F32"]),
        "pt-not-zip" => (Bytes("random.pt", [.. Enumerable.Range(0, 64).Select(i => (byte)(i * 37))]), ["not a zip archive"]),
        "pt-truncated" => (Bytes("truncated.pt", File.ReadAllBytes(Pt("whole.pt", _ => { }))[..200]), ["a damaged zip archive"]),
        "pt-no-pickle" => (Zip("nopickle.pt", ("archive/version", "3\n"u8.ToArray())), ["holds 0 data.pkl entries"]),
        "pt-bad-pickle" => (Zip("badpickle.pt", ("archive/data.pkl", [0x80, 0x02, 0xFF, 0x13, 0x37])), ["its data.pkl is damaged: an unknown pickle opcode 0xFF at byte 2"]),
        "pt-missing-key" => (Pt("missing.pt", s => s.Remove("encoder.layers.0.bias")), ["has no tensor 'encoder.layers.0.bias'"]),
        "pt-extra-key" => (Pt("extra.pt", s => s["decoder.network.layers.9.weight"] = zeros(3)), ["has a tensor 'decoder.network.layers.9.weight'", "its nearest is 'decoder.network.layers."]),
        "pt-wrong-shape" => (Pt("shape.pt", s => s["encoder.layers.0.weight"] = zeros(4, 7)), ["tensor 'encoder.layers.0.weight' has shape [4, 7]", "expects [4, 6]"]),
        "pt-float64" => (Pt("f64.pt", s => s["head.bias"] = s["head.bias"].to(ScalarType.Float64)), ["tensor 'head.bias' is F64"]),
        "pt-view" => (Pt("view.pt", s => s["head.weight"] = zeros(5, 4).narrow(0, 1, 4)), ["tensor 'head.weight' is a view into a larger storage (offset 4"]),
        _ => throw new ArgumentException(name),
    };

    byte[] Valid() => File.ReadAllBytes(Path.Combine(export, "model.safetensors"));

    string Bytes(string name, byte[] bytes)
    {
        string path = tmp.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    string Copy(string name, string from)
    {
        string path = tmp.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(from, path);
        return path;
    }

    string Patched(string name, Action<Span<byte>> patch)
    {
        var bytes = Valid();
        patch(bytes);
        return Bytes(name, bytes);
    }

    // The valid file with its JSON header edited, and the same data after it.
    string Header(string name, Action<JsonObject> edit)
    {
        var bytes = Valid();
        var header = JsonNode.Parse(bytes.AsSpan(8, (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes)))!.AsObject();
        edit(header);
        return HeaderText(name, Encoding.UTF8.GetBytes(header.ToJsonString()));
    }

    // The valid file with its header replaced by `text`.
    string HeaderText(string name, byte[] text)
    {
        var bytes = Valid();
        int n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var result = new byte[8 + text.Length + bytes.Length - 8 - n];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)text.Length);
        text.CopyTo(result, 8);
        bytes.AsSpan(8 + n).CopyTo(result.AsSpan(8 + text.Length));
        return Bytes(name, result);
    }

    Dictionary<string, Tensor> State(Action<Dictionary<string, Tensor>> change)
    {
        var state = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach());
        change(state);
        return state;
    }

    string Safetensors(string name, Action<Dictionary<string, Tensor>> change)
    {
        string path = tmp.File(name);
        using (var f = File.Create(path)) TorchSharp.PyBridge.Safetensors.SaveStateDict(f, State(change), leaveOpen: true);
        return path;
    }

    string Pt(string name, Action<Dictionary<string, Tensor>> change)
    {
        string path = tmp.File(name);
        using (var f = File.Create(path)) PyTorchPickler.PickleStateDict(f, State(change), leaveOpen: true);
        return path;
    }

    string Zip(string name, params (string Entry, byte[] Bytes)[] entries)
    {
        string path = tmp.File(name);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            foreach (var (entry, bytes) in entries)
                using (var s = zip.CreateEntry(entry).Open()) s.Write(bytes);
        return path;
    }
}
