using System.Text;
using System.Text.Json.Nodes;

namespace Vae.Reliability;

/// <summary>How the catalogue's cases make their inputs: the commands they run and the damaged files they give them.</summary>
public static partial class BadInputCatalogue
{
    static (string[], string?) Train(Workspace w, string data, params string[] more)
    {
        string output = w.Fresh("out");
        return (["train", "--data", data, "--out", output, "--epochs", "1", "--val-size", "0", .. more], output);
    }

    static (string[], string?) TrainMnist(Workspace w, params string[] more) => Train(w, "mnist:" + w.Mnist, more);

    static (string[], string?) TrainCsv(Workspace w, string text, params string[] more) => Train(w, "csv:" + w.WriteText($"t{Guid.NewGuid():N}.csv", text), more);

    static (string[], string?) TrainBadIdx(Workspace w, string file, byte[]? bytes) => Train(w, "mnist:" + w.MnistWith(file, bytes));

    static (string[], string?) Eval(string model, params string[] more) => (["eval", model, "--k", "2", .. more], null);

    // A small VQ-VAE trained on the workspace's images (a grid of 1 × 1 codes of size 2).
    static string VqModel(Workspace w)
    {
        string dir = w.Fresh("vq");
        var r = Workspace.Run("train", "--data", "mnist:" + w.Mnist, "--out", dir, "--epochs", "1", "--val-size", "0", "--model", "ae",
            "--vq-codes", "4", "--vq-dim", "2", "--vq-grid", "1", "--latent", "2", "--hidden", "16");
        if (r.ExitCode != 0) throw new InvalidOperationException("could not train the VQ-VAE: " + r.Error);
        return dir;
    }

    // A small valid V2000 SDF record (ethanol), for the molecule-file cases to damage.
    const string Sdf = "ethanol\n  made by hand\n\n  3  2  0  0  0  0  0  0  0  0999 V2000\n"
        + "    0.0000    0.0000    0.0000 C   0  0  0  0  0  0\n    1.5000    0.0000    0.0000 C   0  0  0  0  0  0\n"
        + "    2.0000    1.0000    0.0000 O   0  0  0  0  0  0\n  1  2  1  0\n  2  3  1  0\nM  END\n$$$$\n";

    static void EditJson(string file, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(file))!;
        edit(node);
        File.WriteAllText(file, node.ToJsonString());
    }

    // The workspace model exported for PyTorch into a fresh folder, then changed by `damage`.
    static string TorchExport(Workspace w, string format, Action<string> damage)
    {
        string dir = w.Fresh("torch");
        var r = Workspace.Run("export", w.Model, "--format", format, "--out", dir);
        if (r.ExitCode != 0) throw new InvalidOperationException("could not export the workspace model: " + r.Error);
        damage(dir);
        return dir;
    }

    static (string[], string?) Import(Workspace w, string source)
    {
        string output = w.Fresh("imported");
        return (["import", source, "--out", output], output);
    }

    static void Truncate(string file, int bytes)
    {
        var b = File.ReadAllBytes(file);
        File.WriteAllBytes(file, b[..^bytes]);
    }

    // A safetensors file with its JSON header edited (its data unchanged).
    static void EditSafetensorsHeader(string file, Action<JsonObject> edit)
    {
        var bytes = File.ReadAllBytes(file);
        int n = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = JsonNode.Parse(bytes.AsSpan(8, n))!.AsObject();
        edit(header);
        var text = Encoding.UTF8.GetBytes(header.ToJsonString());
        var result = new byte[8 + text.Length + bytes.Length - 8 - n];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)text.Length);
        text.CopyTo(result, 8);
        bytes.AsSpan(8 + n).CopyTo(result.AsSpan(8 + text.Length));
        File.WriteAllBytes(file, result);
    }

    static (string[], string?) TrainH5ad(Workspace w, string file, params string[] more) =>
        Train(w, "h5ad:" + file, ["--likelihood", "nb", "--hvg", "0", "--hidden", "8", "--latent", "2", .. more]);

    /// <summary>A 12-cell AnnData file written by python3-anndata (CSR X, obs cell_type and batch).</summary>
    static string SmallH5ad => Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz.h5ad");

    static string SmallCopy(Workspace w) => H5adBytes(w, b => b);

    static string H5adBytes(Workspace w, Func<byte[], byte[]> change)
    {
        string path = w.Fresh("cells") + ".h5ad";
        File.WriteAllBytes(path, change(File.ReadAllBytes(SmallH5ad)));
        return path;
    }

    static string H5adWithoutX(Workspace w)
    {
        string path = w.Fresh("nox") + ".h5ad";
        new PureHDF.H5File { ["obs"] = new PureHDF.H5Group { ["_index"] = new[] { "a", "b" } } }.Write(path);
        return path;
    }

    static string H5adNotCounts(Workspace w)
    {
        string path = w.Fresh("lognorm") + ".h5ad";
        var x = new Vae.Applications.SingleCell.SparseCounts(3, 2, [0, 1, 2, 3], [0, 1, 0], [0.69f, 1.1f, 2.3f]);
        Vae.Applications.SingleCell.H5adWriter.Write(path, new(x, ["c1", "c2", "c3"], ["g1", "g2"]));
        return path;
    }

    static byte[] Images(Workspace w, Func<byte[], byte[]> change) => change(w.TrainImages);

    static string Bytes(Workspace w, string name, byte[] bytes) { string p = w.File($"{Guid.NewGuid():N}-{name}"); File.WriteAllBytes(p, bytes); return p; }

    static (string[], string?) TrainCsvBytes(Workspace w, byte[] bytes, params string[] more) => Train(w, "csv:" + Bytes(w, "t.csv", bytes), ["--likelihood", "gaussian", .. more]);

    // A dense counts table of 12 cells and its metadata (cell types, batches), or the given metadata bytes.
    static (string[], string?) TrainCounts(Workspace w, byte[]? metadata = null)
    {
        var counts = "barcode,g1,g2,g3\n" + string.Concat(Enumerable.Range(1, 12).Select(i => $"c{i},{i % 3},{i % 5},{i % 7}\n"));
        var meta = "barcode,cell_type,batch\n" + string.Concat(Enumerable.Range(1, 12).Select(i => $"c{i},{(i % 2 == 0 ? "T" : "B")},b{i % 2}\n"));
        return Train(w, "counts:" + w.WriteText($"c{Guid.NewGuid():N}.csv", counts), "--metadata", Bytes(w, "meta.csv", metadata ?? Encoding.UTF8.GetBytes(meta)), "--likelihood", "nb");
    }

    // A 10x folder of 3 genes and 2 cells with `file` replaced by `bytes`.
    static (string[], string?) TrainTenX(Workspace w, string file, byte[] bytes)
    {
        string dir = w.Fresh("tenx");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "matrix.mtx"), "%%MatrixMarket matrix coordinate integer general\n3 2 3\n1 1 3\n2 2 1\n3 1 2\n");
        File.WriteAllText(Path.Combine(dir, "features.tsv"), "G1\tGAPDH\tGene Expression\nG2\tACTB\tGene Expression\nG3\tB2M\tGene Expression\n");
        File.WriteAllText(Path.Combine(dir, "barcodes.tsv"), "AAAC-1\nAAAG-1\n");
        if (file.EndsWith(".gz", StringComparison.Ordinal)) File.Delete(Path.Combine(dir, file[..^3]));
        File.WriteAllBytes(Path.Combine(dir, file), bytes);
        return Train(w, "10x:" + dir, "--likelihood", "nb");
    }

    /// <summary>The first bytes of a PNG image: what a binary file given as text looks like.</summary>
    static byte[] Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
    // A small labelled image folder (classes a/, b/; 12×10 PNGs), changed by `change`, trained on with a cache in the workspace.
    static (string[], string?) TrainImages(Workspace w, Action<string>? change, params string[] more) =>
        Train(w, "images:" + ImageInputs.Folder(w.Root, change: change), ["--image-cache", w.File("image-cache"), "--hidden", "8", "--latent", "2", .. more]);

    // Keeps the first `keep` bytes (or drops the last −keep).
    static void Cut(string file, int keep) { var b = File.ReadAllBytes(file); File.WriteAllBytes(file, b[..(keep >= 0 ? keep : b.Length + keep)]); }

    const string Table = "a,b,c\n1,2,3\n4,5,6\n7,8,9\n1,1,1\n2,2,2\n3,3,3\n4,4,4\n5,5,5\n6,6,6\n7,7,7\n";
}
