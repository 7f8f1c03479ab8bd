using System.Globalization;
using System.Text.Json;
using Vae.Applications.SingleCell;

namespace Vae.Tests.Applications.SingleCell;

/// <summary>
/// The AnnData reader against files written by the reference tool, python3-anndata 0.8
/// (fixtures/make_h5ad.py): the matrix, obs and var names and obs columns must be exactly what
/// anndata reads back from the same file (fixtures/NAME.json).
/// </summary>
public class H5adReaderTests
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Applications", "SingleCell", "fixtures", name);

    sealed record Expected(string[] obs_names, string[] var_names, int[] shape, double[][] matrix, Dictionary<string, string?[]> obs, string[] categorical);

    static Expected Load(string json) => JsonSerializer.Deserialize<Expected>(File.ReadAllText(Fixture(json + ".json")))!;

    [Theory]
    [InlineData("dense.h5ad", null, "dense", H5adLayout.Dense)]
    [InlineData("csr.h5ad", null, "csr", H5adLayout.Csr)]
    [InlineData("csr.h5ad", "counts", "csr_counts", H5adLayout.Csr)]
    [InlineData("csc.h5ad", null, "csc", H5adLayout.Csc)]
    [InlineData("legacy.h5ad", null, "legacy", H5adLayout.Csr)]
    public void Reader_Gives_Exactly_The_Matrix_And_Names_Anndata_Reads(string file, string? layer, string json, H5adLayout layout)
    {
        var expected = Load(json);
        using (var h5 = H5adFile.Open(Fixture(file))) Assert.Equal(layout, H5adMatrix.Open(h5, layer).Layout);
        var counts = H5adCounts.Read(Fixture(file), layer);
        Assert.Equal(expected.shape, new[] { counts.Cells, counts.Genes });
        Assert.Equal(expected.obs_names, counts.Barcodes);
        Assert.Equal(expected.var_names, counts.GeneNames);
        for (int r = 0; r < counts.Cells; r++)
            for (int g = 0; g < counts.Genes; g++)
                Assert.Equal((float)expected.matrix[r][g], counts.Counts[r, g]);
    }

    [Theory]
    [InlineData("dense.h5ad", "dense")]
    [InlineData("csc.h5ad", "csc")]
    [InlineData("legacy.h5ad", "legacy")]
    public void Obs_Columns_Are_Read_As_Anndata_Reads_Them(string file, string json)
    {
        var expected = Load(json);
        using var h5 = H5adFile.Open(Fixture(file));
        var obs = H5adFrame.Read(h5, "obs");
        Assert.Equal(expected.obs.Keys, obs.Columns);
        foreach (var (name, values) in expected.obs)
        {
            var read = obs.Column(name, "--label-key");
            if (name == "score")   // floats: compare the numbers (Python and .NET print them differently)
                Assert.Equal(values.Select(v => double.Parse(v!, CultureInfo.InvariantCulture)), read.Select(v => double.Parse(v!, CultureInfo.InvariantCulture)));
            else
                Assert.Equal(values, read);
        }
    }

    [Fact]
    public void A_Missing_Categorical_Value_Is_Null_And_Labels_It_As_NA()
    {
        var expected = Load("dense");
        Assert.Null(expected.obs["donor"][3]);
        var cells = AnnotatedCells.Load("h5ad:" + Fixture("dense.h5ad"), null, "donor", "batch");
        Assert.Contains("NA", cells.LabelNames!);
        Assert.Equal("NA", cells.LabelNames![cells.Labels![3]]);
        Assert.Equal(["b1", "b2"], cells.BatchNames!);
    }

    [Fact]
    public void Csr_Rows_Read_In_Ranges_Equal_The_Whole_Matrix()
    {
        using var h5 = H5adFile.Open(Fixture("csr.h5ad"));
        var matrix = H5adMatrix.Open(h5, "counts");
        var all = matrix.ReadAll();
        foreach (var (start, count) in new[] { (0, 7), (7, 13), (20, 20), (39, 1) })
        {
            var part = matrix.ReadRows(start, count);
            for (int r = 0; r < count; r++)
            {
                Assert.Equal(all.RowColumns(start + r).ToArray(), part.RowColumns(r).ToArray());
                Assert.Equal(all.RowValues(start + r).ToArray(), part.RowValues(r).ToArray());
            }
        }
    }

    [Fact]
    public void Default_Keys_Come_From_Obs()
    {
        string source = "h5ad:" + Fixture("csc.h5ad");
        Assert.Equal(("cell_type", "batch"), CountData.ResolveKeys(source, null, null, null));
        Assert.Equal(("note", null), CountData.ResolveKeys(source, null, "note", "none"));
    }

    static string Error(Action read) => Assert.Throws<VaeException>(read).Message;

    [Fact]
    public void Bad_Inputs_Get_One_Line_Errors_Naming_The_File_And_Object()
    {
        string csr = Fixture("csr.h5ad");
        Assert.Contains("--layer spliced: ", Error(() => H5adCounts.Read(csr, "spliced")));
        Assert.Contains("(layers: counts)", Error(() => H5adCounts.Read(csr, "spliced")));
        string noColumn = Error(() => AnnotatedCells.Load("h5ad:" + csr, null, "celltype", null));
        Assert.Contains("obs columns: cell_type, batch, donor, note, n_genes, score, flag", noColumn);
        using var dir = new TempDir();
        File.WriteAllText(dir.File("x.h5ad"), "barcode,cell_type\n");
        Assert.Contains("not an HDF5 file", Error(() => H5adCounts.Read(dir.File("x.h5ad"))));
        Assert.Contains("file not found", Error(() => H5adCounts.Read(dir.File("none.h5ad"))));
        // X holds log-normalized values: not counts
        var data = new Vae.Data.DataOptions { Source = "h5ad:" + csr, ValidationSize = 0 };
        Assert.Contains("counts must be non-negative integers", Error(() => CountData.Load(data)));
        Assert.Equal(40, CountData.Load(data with { Layer = "counts" }).Count);
        foreach (var m in new[] { noColumn }) Assert.DoesNotContain('\n', m);
    }
}
