namespace Vae.Reliability;

/// <summary>Every fuzzed reader by the name `bench/run fuzz --targets` and the test suite's <c>FuzzTests</c> use.</summary>
public static class FuzzTargets
{
    public static readonly IReadOnlyDictionary<string, Func<FuzzTarget>> All = new Dictionary<string, Func<FuzzTarget>>
    {
        ["idx"] = () => new IdxTarget(gzip: false), ["idx-gzip"] = () => new IdxTarget(gzip: true), ["csv"] = () => new CsvTarget(),
        ["config"] = () => new ModelFolderTarget(onlyConfig: true), ["model-folder"] = () => new ModelFolderTarget(onlyConfig: false),
        ["smi"] = () => new SmilesFileTarget(table: false), ["smiles-csv"] = () => new SmilesFileTarget(table: true),
        ["10x"] = () => new TenXFolderTarget(), ["metadata"] = () => new CellMetadataTarget(),
        ["images-png"] = () => new ImageFolderTarget("png"), ["images-jpg"] = () => new ImageFolderTarget("jpg"),
        ["h5ad"] = () => new H5adTarget(),
        ["parquet"] = () => new ParquetTarget(), ["arrow"] = () => new ArrowTarget(),
        ["npy"] = () => new NpyTarget(archive: false), ["npz"] = () => new NpyTarget(archive: true),
        ["safetensors"] = () => new TorchStateDictTarget(Vae.Export.Torch.TorchFormat.Safetensors), ["pt"] = () => new TorchStateDictTarget(Vae.Export.Torch.TorchFormat.Pt),
    };
}
