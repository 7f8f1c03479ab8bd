using System.Text.Json.Nodes;

namespace Vae.Reliability;

/// <summary>
/// One way a user can get input wrong, the command that shows it, and a phrase its one-line error must
/// contain. <see cref="Output"/> names a path the failed command must not leave behind.
/// </summary>
public sealed record BadInputCase(string Category, string Description, Func<Workspace, (string[] Args, string? Output)> Make, string Expected);

/// <summary>The catalogue of docs/reliability.md; the test suite runs every case.</summary>
public static class BadInputCatalogue
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

    static void EditJson(string file, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(file))!;
        edit(node);
        File.WriteAllText(file, node.ToJsonString());
    }

    static byte[] Images(Workspace w, Func<byte[], byte[]> change) => change(w.TrainImages);

    const string Table = "a,b,c\n1,2,3\n4,5,6\n7,8,9\n1,1,1\n2,2,2\n3,3,3\n4,4,4\n5,5,5\n6,6,6\n7,7,7\n";

    public static IReadOnlyList<BadInputCase> Cases { get; } =
    [
        // IDX files
        new("IDX", "wrong magic number", w => TrainBadIdx(w, "train-images-idx3-ubyte", Images(w, b => { b[0] = 7; return b; })), "not an IDX file (the magic number must start with two zero bytes"),
        new("IDX", "truncated data", w => TrainBadIdx(w, "train-images-idx3-ubyte", Images(w, b => b[..^100])), "truncated: the header promises"),
        new("IDX", "more data than the header's dimensions", w => TrainBadIdx(w, "train-images-idx3-ubyte", Images(w, b => [.. b, 1, 2, 3])), "bytes more"),
        new("IDX", "unknown type code", w => TrainBadIdx(w, "train-images-idx3-ubyte", Images(w, b => { b[2] = 0x42; return b; })), "unknown IDX type code 0x42"),
        new("IDX", "header claims 10^12 values", w => TrainBadIdx(w, "train-images-idx3-ubyte", Images(w, b => { b[4] = 0x7f; b[5] = 0xff; return b; })), "claims more than 2147483647 values"),
        new("IDX", "image and label files with different counts", w => TrainBadIdx(w, "train-labels-idx1-ubyte", Workspace.Idx([95], new byte[95])), "95 labels for 96 images"),
        new("IDX", "a .gz file that is not gzip", w => TrainBadIdx(w, "train-images-idx3-ubyte.gz", "<html>404</html>"u8.ToArray()), "named .gz but not gzip-compressed"),
        new("IDX", "a gzip stream cut short", w => TrainBadIdx(w, "train-images-idx3-ubyte.gz", Workspace.Gzip(w.TrainImages)[..300]), "the gzip stream ends early"),
        new("IDX", "image file missing from the folder", w => TrainBadIdx(w, "train-images-idx3-ubyte", null), "no train-images-idx3-ubyte[.gz] file"),
        new("IDX", "images with one dimension", w => TrainBadIdx(w, "train-images-idx3-ubyte", Workspace.Idx([96], new byte[96])), "expected images"),
        new("IDX", "data folder does not exist", w => Train(w, "mnist:" + w.File("nowhere")), "folder not found"),
        // CSV tables
        new("CSV", "ragged rows", w => TrainCsv(w, "a,b\n1,2\n3\n", "--likelihood", "gaussian"), "line 3 has 1 fields, but the header has 2"),
        new("CSV", "a non-numeric cell", w => TrainCsv(w, "a,b\n1,2\n3,x\n", "--likelihood", "gaussian"), "line 3, column 'b': 'x' is not a number"),
        new("CSV", "a NaN value", w => TrainCsv(w, "a,b\n1,NaN\n", "--likelihood", "gaussian"), "NaN is not a finite value"),
        new("CSV", "an infinite value", w => TrainCsv(w, "a,b\n1,-Infinity\n", "--likelihood", "gaussian"), "-Infinity is not a finite value"),
        new("CSV", "a value beyond float range", w => TrainCsv(w, "a,b\n1,1e300\n", "--likelihood", "gaussian"), "1e300 is not a finite value"),
        new("CSV", "an empty file", w => TrainCsv(w, "", "--likelihood", "gaussian"), "the file is empty"),
        new("CSV", "a header and no rows", w => TrainCsv(w, "a,b,c\n", "--likelihood", "gaussian"), "has a header but no data rows"),
        new("CSV", "a label column that does not exist", w => TrainCsv(w, Table, "--likelihood", "gaussian", "--label-column", "species"), "label column 'species' does not exist (columns: a, b, c)"),
        new("CSV", "an unclosed quote", w => TrainCsv(w, "a,b\n1,\"2\n", "--likelihood", "gaussian"), "unclosed quote"),
        new("CSV", "file not found", w => Train(w, "csv:" + w.File("missing.csv"), "--likelihood", "gaussian"), "missing.csv: file not found"),
        new("CSV", "too few rows to hold out a test split", w => TrainCsv(w, "a,b\n1,2\n", "--likelihood", "gaussian"), "too few to hold out a test split"),
        // Parquet and Arrow tables, NumPy arrays (TableCatalogue.cs)
        .. TableCatalogue.Cases,
        // Count data
        new("Counts", "negative counts for a count likelihood", w => TrainCsv(w, Table.Replace("5,5,5", "5,-5,5"), "--likelihood", "nb"), "needs counts (non-negative integers)"),
        new("Counts", "non-integer counts for a count likelihood", w => TrainCsv(w, Table.Replace("5,5,5", "5,5.5,5"), "--likelihood", "poisson"), "needs counts (non-negative integers)"),
        // Options
        new("Options", "latent dimension 0", w => TrainMnist(w, "--latent", "0"), "--latent 0: the latent dimension must be ≥ 1"),
        new("Options", "negative latent dimension", w => TrainMnist(w, "--latent", "-3"), "--latent -3: the latent dimension must be ≥ 1"),
        new("Options", "batch size 0", w => TrainMnist(w, "--batch-size", "0"), "--batch-size 0: must be ≥ 1"),
        new("Options", "negative β", w => TrainMnist(w, "--beta", "-1"), "--beta -1: must be a finite number ≥ 0"),
        new("Options", "learning rate 0", w => TrainMnist(w, "--lr", "0"), "--lr 0: must be a finite number > 0"),
        new("Options", "negative learning rate", w => TrainMnist(w, "--lr", "-0.1"), "--lr -0.1: must be a finite number > 0"),
        new("Options", "zero epochs", w => TrainMnist(w, "--epochs", "0"), "--epochs 0: must be ≥ 1"),
        new("Options", "K = 0 importance samples", w => Eval(w.Model, "--k", "0"), "--k 0: the number of importance samples must be ≥ 1"),
        new("Options", "unknown likelihood (with the valid ones)", w => TrainMnist(w, "--likelihood", "laplace"), "--likelihood: unknown value 'laplace'; valid values: bernoulli, gaussian"),
        new("Options", "unknown model (with the valid ones)", w => TrainMnist(w, "--model", "transformer"), "--model: unknown model 'transformer'; valid models: mlp, conv, linear, ae, conv-ae"),
        new("Options", "an input size that does not fit the convolutional architecture", w => TrainCsv(w, Table, "--model", "conv", "--likelihood", "gaussian"), "the convolutional model needs images"),
        new("Options", "unknown device", w => TrainMnist(w, "--device", "tpu"), "--device: 'tpu' is not a device"),
        new("Options", "CUDA asked for on a CPU-only build", w => TrainMnist(w, "--device", "cuda"), "no CUDA device is available"),
        new("Options", "validation split as large as the training set", w => TrainMnist(w, "--val-size", "96"), "--val-size 96: the training set has only 96 examples"),
        new("Options", "binarizing data outside [0, 1]", w => TrainCsv(w, Table, "--likelihood", "gaussian", "--binarize", "dynamic"), "the data has values outside [0, 1]"),
        new("Options", "a Bernoulli likelihood on data outside [0, 1]", w => TrainCsv(w, Table), "--likelihood bernoulli needs data in [0, 1]"),
        new("Options", "a σ floor above the initial σ", w => TrainMnist(w, "--likelihood", "gaussian-learned", "--sigma", "0.1", "--sigma-floor", "0.5"), "must be below the initial --sigma"),
        new("Options", "unknown KL schedule", w => TrainMnist(w, "--kl-schedule", "sigmoid"), "--kl-schedule: unknown value 'sigmoid'; valid values: constant, linear, cyclical"),
        new("Options", "negative free bits", w => TrainMnist(w, "--free-bits", "-1"), "--free-bits -1: must be ≥ 0"),
        new("Options", "unknown NaN policy", w => TrainMnist(w, "--on-nan", "ignore"), "--on-nan: unknown value 'ignore'; valid values: stop, skip, rollback"),
        new("Options", "no output folder", w => (["train", "--data", "mnist:" + w.Mnist], null), "--out <DIR> is required"),
        new("Options", "an unknown option", w => TrainMnist(w, "--learning-rate", "0.1"), "Unknown option 'learning-rate'"),
        // Model folders
        new("Model folder", "folder does not exist", w => Eval(w.File("no-model")), "model folder not found"),
        new("Model folder", "a file where a folder is expected", w => Eval(w.WriteText("model.txt", "x")), "is a file; a model is a folder"),
        new("Model folder", "a folder that is not a model", w => Eval(w.Mnist), "not a model folder (no config.json)"),
        new("Model folder", "weights file missing", w => Eval(w.ModelWith(d => File.Delete(Path.Combine(d, "model.dat")))), "model.dat: file not found"),
        new("Model folder", "weights damaged (checksum)", w => Eval(w.ModelWith(d => { var p = Path.Combine(d, "model.dat"); var b = File.ReadAllBytes(p); b[^5] ^= 1; File.WriteAllBytes(p, b); })), "checksum mismatch"),
        new("Model folder", "weights from a different architecture", w => Eval(w.ModelWith(d => EditJson(Path.Combine(d, "config.json"), c => c["model"]!["latent"] = 3))), "belong to another architecture"),
        new("Model folder", "a newer format version", w => Eval(w.ModelWith(d => EditJson(Path.Combine(d, "config.json"), c => c["format_version"] = 99))), "written by a newer version of this toolkit"),
        new("Model folder", "a weights file that is not a checkpoint at all", w => Eval(w.ModelWith(d =>
        {
            File.WriteAllText(Path.Combine(d, "model.dat"), "GIF89a not weights at all");
            EditJson(Path.Combine(d, "state.json"), s => s["checksums"]!["model.dat"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(d, "model.dat")))));
        })), "model.dat:"),
        new("Model folder", "a config with an unknown field", w => Eval(w.ModelWith(d => EditJson(Path.Combine(d, "config.json"), c => c["model"]!["lattent"] = 3))), "'lattent' could not be mapped"),
        new("Model folder", "a config with a missing field", w => Eval(w.ModelWith(d => EditJson(Path.Combine(d, "config.json"), c => c["model"]!["network"]!.AsObject().Remove("hidden")))), "the field 'model.network.hidden' is missing"),
        new("Model folder", "a config that gives the MLP a setting of the conv network", w => Eval(w.ModelWith(d => EditJson(Path.Combine(d, "config.json"), c => c["model"]!["network"]!["channels"] = new System.Text.Json.Nodes.JsonArray(16, 32)))), "'channels' could not be mapped"),
        new("Model folder", "a config with an unknown network kind", w => Eval(w.ModelWith(d => EditJson(Path.Combine(d, "config.json"), c => c["model"]!["network"]!["kind"] = "transformer"))), "model.network.kind 'transformer' is not an architecture this toolkit knows"),
        new("Model folder", "a config that is not JSON", w => Eval(w.ModelWith(d => File.WriteAllText(Path.Combine(d, "config.json"), "latent: 20\n"))), "config.json: not valid for this version"),
        new("Model folder", "a config value out of range", w => Eval(w.ModelWith(d => EditJson(Path.Combine(d, "config.json"), c => c["model"]!["latent"] = -2))), "the latent dimension must be ≥ 1"),
        new("Model folder", "training into a folder that holds a model", w => (["train", "--data", "mnist:" + w.Mnist, "--out", w.Model, "--epochs", "1"], null), "already holds a model"),
        new("Model folder", "resuming a folder without training state", w => (["train", "--resume", w.ModelWith(d => File.Delete(Path.Combine(d, "state.json")))], null), "state.json: file not found"),
        // Outputs
        new("Outputs", "an image output with an unknown extension", w => { string o = w.Fresh("s") + ".jpg"; return (["sample", w.Model, "--out", o], o); }, "use a .png or .csv file name"),
        new("Outputs", "an example index outside the test split", w => { string o = w.Fresh("i") + ".png"; return (["interpolate", w.Model, "--from", "0", "--to", "999", "--out", o], o); }, "--to 999: the test split has examples 0 to 15"),
    ];
}
