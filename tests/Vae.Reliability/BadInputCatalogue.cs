using System.Text;
using System.Text.Json.Nodes;

namespace Vae.Reliability;

/// <summary>
/// One way a user can get input wrong, the command that shows it, and a phrase its one-line error must
/// contain. <see cref="Output"/> names a path the failed command must not leave behind.
/// </summary>
public sealed record BadInputCase(string Category, string Description, Func<Workspace, (string[] Args, string? Output)> Make, string Expected);

/// <summary>The catalogue of docs/reliability.md; the test suite runs every case (their inputs: BadInputCatalogue.Inputs.cs).</summary>
public static partial class BadInputCatalogue
{
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
        // Text encoding: every text input must be UTF-8 (offsets checked in tests/Vae.Tests/IO against Python's decoder)
        new("Text encoding", "a binary file (a PNG image) as a CSV table", w => TrainCsvBytes(w, Png), "not UTF-8 text: invalid byte 0x89 at byte offset 0 (line 1); it is a PNG image"),
        new("Text encoding", "a UTF-16 CSV table", w => TrainCsvBytes(w, Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a,b\n1,2\n")).ToArray()), "not UTF-8 text: invalid byte 0xFF at byte offset 0 (line 1); it looks like UTF-16"),
        new("Text encoding", "a gzip file named .csv", w => TrainCsvBytes(w, Workspace.Gzip(Encoding.UTF8.GetBytes(Table))), "not UTF-8 text: invalid byte 0x8B at byte offset 1 (line 1); it is gzip-compressed"),
        new("Text encoding", "a CSV table in Latin-1", w => TrainCsvBytes(w, Latin1("a,b,label\n1,2,x\n3,4,café\n"), "--label-column", "label"), "not UTF-8 text: invalid byte 0xE9 at byte offset 23 (line 3)"),
        new("Text encoding", "a NUL byte in a CSV table", w => TrainCsvBytes(w, Encoding.UTF8.GetBytes("a,b\n1,2\n3,\0 4\n")), "not UTF-8 text: a NUL byte (0x00) at byte offset 10 (line 3)"),
        new("Molecule files", "a truncated SDF file (the file ends inside the bond block)", w => Train(w, "smiles:" + w.WriteText("cut.sdf", Sdf[..Sdf.IndexOf("  2  3  1", StringComparison.Ordinal)]), "--model", "smiles"),
            "cut.sdf: line 9: the file ends inside the connection table"),
        new("Molecule files", "a garbled SDF file (a letter in a coordinate)", w => Train(w, "smiles:" + w.WriteText("garbled.sdf", Sdf.Replace("1.0000    0.0000 O", "1.0x00    0.0000 O")), "--model", "smiles"),
            "garbled.sdf: line 7: atom line: coordinate y is not a number: '1.0x00'"),
        new("Molecule files", "an unknown value of --tokens", w => Train(w, "smiles:" + w.WriteText("m.smi", "CCO\nc1ccccc1O\n"), "--model", "smiles", "--tokens", "deepsmiles"), "--tokens: unknown value 'deepsmiles'; valid values: smiles, selfies"),
        new("Molecule files", "--tokens selfies for data that are not molecules", w => TrainMnist(w, "--tokens", "selfies"), "only SMILES data (--data smiles:…) can be read as SELFIES"),
        new("Molecule files", "an unknown SELFIES symbol in a model's stored vocabulary", w => (["mol", "sample", w.ModelWith(d => EditJson(Path.Combine(d, "config.json"), c =>
        {
            c["data"]!["source"] = "smiles:m.smi";
            c["data"]!["tokens"] = "selfies";
            c["data"]!["vocabulary"] = new JsonArray("<pad>", "<start>", "<end>", "<unk>", "[C]", "[Xq]");
        }))], null), "the SELFIES vocabulary's token 5 '[Xq]' is not a SELFIES symbol"),
        new("Text encoding", "a binary SMILES file for training", w => Train(w, "smiles:" + Bytes(w, "m.smi", Png), "--model", "smiles"), "m.smi: not UTF-8 text: invalid byte 0x89 at byte offset 0 (line 1)"),
        new("Text encoding", "a binary SMILES file for mol check (nothing echoed)", w => (["mol", "check", Bytes(w, "m.smi", Png)], null), "m.smi: not UTF-8 text: invalid byte 0x89 at byte offset 0 (line 1)"),
        new("Text encoding", "a Latin-1 SMILES table for mol props", w => (["mol", "props", Bytes(w, "m.csv", Latin1("smiles,name\nCCO,éthanol\n"))], null), "m.csv: not UTF-8 text: invalid byte 0xE9 at byte offset 16 (line 2)"),
        new("Text encoding", "cell metadata in Latin-1", w => TrainCounts(w, Latin1("barcode,cell_type,batch\nc1,café,b1\n")), "meta.csv: not UTF-8 text: invalid byte 0xE9 at byte offset 30 (line 2)"),
        new("Text encoding", "a binary barcodes.tsv in a 10x folder", w => TrainTenX(w, "barcodes.tsv", Png), "barcodes.tsv: not UTF-8 text: invalid byte 0x89 at byte offset 0 (line 1)"),
        new("Text encoding", "a gzip features.tsv.gz in Latin-1", w => TrainTenX(w, "features.tsv.gz", Workspace.Gzip(Latin1("G1\tGAPDH\nG2\tMyé\nG3\tB2M\n"))), "features.tsv.gz: not UTF-8 text: invalid byte 0xE9 at byte offset 14 of the decompressed data (line 2)"),
        new("Text encoding", "a matrix.mtx with NUL bytes", w => TrainTenX(w, "matrix.mtx", Encoding.UTF8.GetBytes("%%MatrixMarket matrix coordinate integer general\n3 2 3\n1 1 3\n\0\0\0\0")), "matrix.mtx: not UTF-8 text: a NUL byte (0x00) at byte offset 61 (line 4)"),
        new("Text encoding", "a model's config.json overwritten with binary data", w => Eval(w.ModelWith(d => File.WriteAllBytes(Path.Combine(d, "config.json"), Png))), "config.json: not UTF-8 text: invalid byte 0x89 at byte offset 0 (line 1)"),
        // Image folders
        new("Images", "an image cut inside its header", w => TrainImages(w, r => Cut(Path.Combine(r, "a", "1.png"), 40)), "1.png: the file ends inside the image header (truncated?)"),
        new("Images", "an image cut inside its pixel data", w => TrainImages(w, r => Cut(Path.Combine(r, "a", "1.png"), -30)), "1.png: the image data is truncated or incomplete"),
        new("Images", "a file named .png that is not an image", w => TrainImages(w, r => File.WriteAllText(Path.Combine(r, "b", "2.png"), "<html>404</html>")), "2.png: not an image this reader can decode"),
        new("Images", "an empty image file", w => TrainImages(w, r => File.WriteAllBytes(Path.Combine(r, "a", "0.png"), [])), "0.png: the file is empty"),
        new("Images", "an image format that is not decoded (.tiff)", w => TrainImages(w, r => File.WriteAllBytes(Path.Combine(r, "a", "scan.tiff"), [0x49, 0x49, 0x2a, 0])), ".tiff images are not supported (supported: .png .jpg .jpeg .bmp .gif .webp)"),
        new("Images", "an empty folder", w => TrainImages(w, r => { Directory.Delete(r, recursive: true); Directory.CreateDirectory(r); }), "no images found (.png .jpg .jpeg .bmp .gif .webp)"),
        new("Images", "a class folder without images", w => TrainImages(w, r => Directory.CreateDirectory(Path.Combine(r, "c"))), "c: no images found"),
        new("Images", "images of different sizes without --image-size", w => TrainImages(w, r => File.WriteAllBytes(Path.Combine(r, "b", "big.png"), ImageInputs.Encode(20, 16, 9))), "give --image-size N to resize every image to N×N"),
        new("Images", "an image beside the class folders", w => TrainImages(w, r => File.WriteAllBytes(Path.Combine(r, "stray.png"), ImageInputs.Encode(12, 10, 9))), "stray.png: an image beside the class folders"),
        new("Images", "a test/ class that train/ lacks", w => TrainImages(w, r =>
        {
            Directory.CreateDirectory(Path.Combine(r, "train"));
            foreach (var c in new[] { "a", "b" }) Directory.Move(Path.Combine(r, c), Path.Combine(r, "train", c));
            Directory.CreateDirectory(Path.Combine(r, "test", "z"));
            File.WriteAllBytes(Path.Combine(r, "test", "z", "0.png"), ImageInputs.Encode(12, 10, 9));
        }), "class folder 'z' has no counterpart in train/"),
        new("Images", "a folder that does not exist", w => Train(w, "images:" + w.File("no-images"), "--image-cache", w.File("image-cache")), "no-images: folder not found"),
        new("Images", "--image-channels other than 1 or 3", w => TrainImages(w, null, "--image-channels", "2"), "--image-channels 2: use 1 (grayscale), 3 (RGB) or auto"),
        new("Images", "--image-size 0", w => TrainImages(w, null, "--image-size", "0"), "--image-size 0: must be between 1 and 4096"),
        new("Images", "image options for data that is not an image folder", w => TrainMnist(w, "--image-size", "28"), "are for image folders (--data images:<dir>)"),
        // Parquet and Arrow tables, NumPy arrays (TableCatalogue.cs)
        .. TableCatalogue.Cases,
        // Count data
        new("Counts", "negative counts for a count likelihood", w => TrainCsv(w, Table.Replace("5,5,5", "5,-5,5"), "--likelihood", "nb"), "needs counts (non-negative integers)"),
        new("Counts", "non-integer counts for a count likelihood", w => TrainCsv(w, Table.Replace("5,5,5", "5,5.5,5"), "--likelihood", "poisson"), "needs counts (non-negative integers)"),
        // AnnData (.h5ad)
        new("AnnData", "not an HDF5 file", w => TrainH5ad(w, w.WriteText("notes.h5ad", "barcode,cell_type\nAAAC,T\n")), "not an HDF5 file"),
        new("AnnData", "an HDF5 file cut short", w => TrainH5ad(w, H5adBytes(w, b => b[..(b.Length / 2)])), "HDF5 object"),
        new("AnnData", "no X in the file", w => TrainH5ad(w, H5adWithoutX(w)), "no X in this file"),
        new("AnnData", "--layer names no layer", w => TrainH5ad(w, SmallCopy(w), "--layer", "spliced"), "has no such layer (layers: none)"),
        new("AnnData", "--label-key names no obs column", w => TrainH5ad(w, SmallCopy(w), "--label-key", "celltype"), "has no such obs column (obs columns: cell_type, batch)"),
        new("AnnData", "X holds normalized values, not counts", w => TrainH5ad(w, H5adNotCounts(w)), "counts must be non-negative integers"),
        new("AnnData", "--layer for a source that is not AnnData", w => TrainCsv(w, Table, "--layer", "counts"), "are for count data (--data 10x:<dir>, counts:<file> or h5ad:<file>)"),

        // Options
        new("Options", "latent dimension 0", w => TrainMnist(w, "--latent", "0"), "--latent 0: the latent dimension must be ≥ 1"),
        new("Options", "negative latent dimension", w => TrainMnist(w, "--latent", "-3"), "--latent -3: the latent dimension must be ≥ 1"),
        new("Options", "batch size 0", w => TrainMnist(w, "--batch-size", "0"), "--batch-size 0: must be ≥ 1"),
        new("Options", "negative β", w => TrainMnist(w, "--beta", "-1"), "--beta -1: must be a finite number ≥ 0"),
        new("Options", "learning rate 0", w => TrainMnist(w, "--lr", "0"), "--lr 0: must be a finite number > 0"),
        new("Options", "negative learning rate", w => TrainMnist(w, "--lr", "-0.1"), "--lr -0.1: must be a finite number > 0"),
        new("Options", "zero epochs", w => TrainMnist(w, "--epochs", "0"), "--epochs 0: must be ≥ 1"),
        new("Options", "--tensorboard names a file, not a folder", w => TrainMnist(w, "--tensorboard", w.WriteText("tensorboard.txt", "x")), "is a file, not a folder"),
        new("Options", "--tensorboard-examples 0", w => TrainMnist(w, "--tensorboard", w.Fresh("tb"), "--tensorboard-examples", "0"), "--tensorboard-examples 0: must be ≥ 1"),
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
        new("Options", "--ranks that does not divide the global batch", w => TrainMnist(w, "--ranks", "3", "--batch-size", "128"), "--batch-size 128 is the global batch and must be divisible by the number of ranks (3)"),
        new("Options", "--ranks 0", w => TrainMnist(w, "--ranks", "0"), "--ranks 0: must be ≥ 1"),
        new("Options", "--ranks with an objective that couples a batch's examples", w => TrainMnist(w, "--ranks", "2", "--free-bits", "0.5"), "data-parallel training (mpirun, --ranks): --free-bits clamps"),
        new("Options", "a rank timeout of zero", w => TrainMnist(w, "--rank-timeout", "0"), "--rank-timeout 0: must be a number of seconds > 0"),
        new("Options", "eval --ranks 0", w => Eval(w.Model, "--ranks", "0"), "--ranks 0: must be ≥ 1"),
        new("Options", "eval with a rank timeout of zero", w => Eval(w.Model, "--ranks", "2", "--rank-timeout", "0"), "--rank-timeout 0: must be a number of seconds > 0"),
        new("Options", "--ranks with a verb that does not run on several ranks", w => (["sample", w.Model, "--ranks", "2"], null), "--ranks: `vae sample` does not run on several ranks; only vae train, vae eval, vae diagnose, vae sweep and vae sc evaluate do"),
        new("Options", "diagnose --ranks 0", w => (["diagnose", w.Model, "--ranks", "0"], null), "--ranks 0: must be ≥ 1"),
        new("Options", "diagnose --ranks of a VQ-VAE (its codebook usage is measured in one process)", w => (["diagnose", VqModel(w), "--ranks", "2"], null), "--ranks: a VQ-VAE's codebook diagnosis (code counts per position, distinct code grids) runs in one process"),
        new("Options", "sweep on more ranks than β values", w => (["sweep", "--data", "mnist:" + w.Mnist, "--out", w.Fresh("sweep"), "--beta", "1,2", "--ranks", "3"], null), "--ranks 3: more ranks than β values (2)"),
        new("Options", "mol reconstruct --beam 0", w => (["mol", "reconstruct", w.Model, "--beam", "0"], null), "--beam 0: the number of beams must be ≥ 1"),
        new("Options", "mol optimize --beam-score with an unknown ranking", w => (["mol", "optimize", w.Model, "--beam", "3", "--beam-score", "best"], null), "--beam-score best: use sum or mean"),
        new("Options", "mol reconstruct --beam on a model that does not decode token sequences", w => (["mol", "reconstruct", w.Model, "--beam", "5"], null), "not on SMILES (train one with --data smiles:<file> --model smiles)"),
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
        new("Model folder", "vae report of a folder that is not a model, a sweep or a zoo", w => (["report", w.Mnist], null), "not a model folder, a β sweep or a zoo experiment (expected a model folder (with config.json)"),
        // PyTorch state dicts (vae import)
        new("PyTorch state dicts", "a truncated safetensors file", w => Import(w, TorchExport(w, "safetensors", d => Truncate(Path.Combine(d, "model.safetensors"), 64))), "the file is truncated or damaged"),
        new("PyTorch state dicts", "a safetensors tensor of a dtype the reader does not know", w =>
            Import(w, TorchExport(w, "safetensors", d => EditSafetensorsHeader(Path.Combine(d, "model.safetensors"), h => h["head.weight"]!["dtype"] = "F8_E4M3"))), "has the dtype 'F8_E4M3'"),
        new("PyTorch state dicts", "a .pt file that is not a torch.save archive", w => Import(w, TorchExport(w, "pt", d => File.WriteAllText(Path.Combine(d, "model.pt"), "not a zip archive"))), "not a zip archive"),
        new("PyTorch state dicts", "a state dict for another latent size", w =>
            Import(w, TorchExport(w, "pt", d => EditJson(Path.Combine(d, "config.json"), c => c["run_config"]!["model"]!["latent"] = 3))), "tensor 'head.weight' has shape [4, 16], the model of"),
        new("PyTorch state dicts", "a state dict with tensors the model does not have", w =>
            Import(w, TorchExport(w, "safetensors", d => EditJson(Path.Combine(d, "config.json"), c => c["run_config"]!["model"]!["network"] = new JsonObject { ["kind"] = "linear" }))),
            "has a tensor 'encoder.layers.0.weight' that the model of"),
        // Outputs
        new("Outputs", "an image output with an unknown extension", w => { string o = w.Fresh("s") + ".jpg"; return (["sample", w.Model, "--out", o], o); }, "use a .png or .csv file name"),
        new("Outputs", "vae export to a format it does not write", w => { string o = w.Fresh("x"); return (["export", w.Model, "--format", "tflite", "--out", o], o); }, "--format tflite: use onnx"),
        new("Outputs", "vae export --format onnx of a model with a part ONNX cannot express (a Poisson likelihood)", w =>
        {
            string o = w.Fresh("x");
            return (["export", w.ModelWith(d => EditJson(Path.Combine(d, "config.json"), c => c["model"]!["likelihood"] = "poisson")), "--format", "onnx", "--out", o], o);
        }, "cannot export to ONNX: the Poisson likelihood"),
        new("Outputs", "vae export --format safetensors of a model with a part PyTorch cannot express (a Poisson likelihood)", w =>
        {
            string o = w.Fresh("x");
            return (["export", w.ModelWith(d => EditJson(Path.Combine(d, "config.json"), c => c["model"]!["likelihood"] = "poisson")), "--format", "safetensors", "--out", o], o);
        }, "cannot export to PyTorch: the Poisson likelihood"),
        new("Outputs", "an example index outside the test split", w => { string o = w.Fresh("i") + ".png"; return (["interpolate", w.Model, "--from", "0", "--to", "999", "--out", o], o); }, "--to 999: the test split has examples 0 to 15"),
    ];
}
