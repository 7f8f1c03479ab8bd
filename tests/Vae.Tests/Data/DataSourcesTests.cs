using Vae.Data;

namespace Vae.Tests.Data;

public class DataSourcesTests
{
    [Theory]
    [InlineData("fashion-mnist")]
    [InlineData("FASHION-MNIST")]
    [InlineData("mnist:/data/digits")]
    [InlineData("csv:table.csv")]
    [InlineData("shards:/data/shards")]
    [InlineData("smiles:molecules.smi:1")]
    [InlineData("10x:/data/pbmc")]
    [InlineData("counts:cells.csv")]
    public void Every_Scheme_Is_Known_Without_The_Caller_Registering_The_Applications(string source) =>
        Assert.NotNull(DataSources.Find(source));

    [Theory]
    [InlineData("nowhere:x")]
    [InlineData("fashion-mnist:x")]
    [InlineData("mnist")]
    public void An_Unknown_Source_Is_Reported_With_The_List_Of_Sources(string source)
    {
        Assert.Null(DataSources.Find(source));
        var e = Assert.Throws<VaeException>(() => DataSources.LoadRaw(new DataOptions { Source = source }));
        Assert.Equal($"--data: unknown data source '{source}'; use {DataSources.Help}.", e.Message);
    }

    [Fact]
    public void The_List_Of_Sources_Keeps_Its_Order_Whatever_The_Registration_Order() =>
        Assert.Equal("fashion-mnist (default), mnist:<dir> (a folder of MNIST-format IDX files), csv:<file> (one example per row), "
            + "parquet:<file> (an Apache Parquet table, one example per row), arrow:<file> (an Arrow IPC / Feather v2 table), "
            + "npy:<file.npy|file.npz[:array]> (NumPy arrays; images keep their shape), "
            + "images:<dir> (PNG, JPEG, BMP, GIF, WebP; subfolders are classes), "
            + "smiles:<file>[:column] or smiles:all (molecules as token sequences), 10x:<dir>, counts:<file> or h5ad:<file> (single-cell counts), "
            + "shards:<dir> (written by `vae convert`, streamed from disk)", DataSources.Help);

    [Fact]
    public void A_Scheme_Cannot_Be_Registered_Twice() =>
        Assert.Throws<InvalidOperationException>(() => DataSources.Register(new(["CSV:"], "csv again", 99, _ => throw new InvalidOperationException())));

    [Theory]
    [InlineData("mnist:/data/digits", "/data/digits", "/data/digits")]
    [InlineData("MNIST:rel/dir", "rel/dir", "rel/dir")]
    [InlineData("/data/plain", null, "/data/plain")]
    [InlineData("csv:x.csv", null, "csv:x.csv")]
    public void The_Mnist_Prefix_Is_Parsed_In_One_Place(string source, string? directory, string folder)
    {
        Assert.Equal(directory, DataSources.MnistDirectory(source));
        Assert.Equal(folder, DataSources.FolderOf(source));
    }

    [Fact]
    public void An_Mnist_Source_Names_Its_Folder() =>
        Assert.Equal("/data/digits", DataSources.MnistDirectory(DataSources.MnistSource("/data/digits")));
}
