using System.Globalization;
using Vae.Data;
using Vae.Data.NumPy;

namespace Vae.Tests.Data;

/// <summary>
/// The NumPy reader against files numpy wrote (Fixtures/make_npy_fixtures.py) and the values numpy says
/// they hold (*.expected.txt: the shape, then the values in C order as float32).
/// </summary>
public class NumPyReaderTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", name);

    static (long[] Shape, float[] Values) Expected(string stem)
    {
        var lines = File.ReadAllLines(Fixture(stem + ".expected.txt"));
        return (lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray(),
            lines.Skip(1).Select(l => float.Parse(l, CultureInfo.InvariantCulture)).ToArray());
    }

    public static IEnumerable<object[]> Arrays() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures"), "*.npy")
            .Select(Path.GetFileNameWithoutExtension).Where(n => File.Exists(Fixture(n + ".expected.txt"))).Order().Select(n => new object[] { n! });

    [Theory]
    [MemberData(nameof(Arrays))]
    public void Every_Dtype_Byte_Order_Memory_Order_And_Header_Version_Gives_The_Values_Numpy_Wrote(string stem)
    {
        var (shape, values) = Expected(stem);
        var data = NumPyReader.Read(Fixture(stem + ".npy"), null);
        Assert.Equal(values, data.Features);
        Assert.Equal(shape[0], data.Count);
        var want = shape.Length switch
        {
            2 => DataShape.Vector((int)shape[1]),
            3 => DataShape.Image(1, (int)shape[1], (int)shape[2]),
            _ => DataShape.Image((int)shape[1], (int)shape[2], (int)shape[3]),
        };
        Assert.Equal(want, data.Shape);
    }

    [Fact]
    public void The_Fixtures_Cover_Every_Dtype_Both_Byte_Orders_Fortran_Order_And_Headers_V1_To_V3()
    {
        var stems = Arrays().Select(a => (string)a[0]).ToHashSet();
        foreach (var code in new[] { "f2", "f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8" }) Assert.Contains($"m_le_{code}", stems);
        foreach (var code in new[] { "f2", "f4", "f8", "i2", "i4", "i8", "u2", "u4", "u8" }) Assert.Contains($"m_be_{code}", stems);
        Assert.Superset(new HashSet<string> { "m_bool", "fortran2d", "fortran3d", "v2", "v3", "images_nhw", "images_nchw" }, stems);
        Assert.Equal(3, File.ReadAllBytes(Fixture("v3.npy"))[6]);
        Assert.Contains("'fortran_order': True", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(Fixture("fortran3d.npy")), 10, 60));
    }

    [Theory]
    [InlineData("xy.npz", null)]
    [InlineData("xy_deflated.npz", null)]
    [InlineData("positional.npz", null)]
    [InlineData("ambiguous.npz:a", "b")]
    public void An_Archive_Gives_Its_Features_And_Labels(string spec, string? labelColumn)
    {
        var data = NumPyReader.Read(Fixture(spec), labelColumn);
        Assert.Equal(Expected("xy.x").Values, data.Features);
        Assert.Equal(DataShape.Vector(4), data.Shape);
        Assert.Equal(Expected("xy.y").Values.Select(v => (int)v), data.Labels);
    }

    [Fact]
    public void Images_In_An_Archive_Keep_Their_Shape_And_Text_Labels_Become_Classes()
    {
        var images = NumPyReader.Read(Fixture("images.npz"), null);
        Assert.Equal(DataShape.Image(3, 4, 5), images.Shape);
        Assert.Equal(Expected("images_nchw").Values, images.Features);
        Assert.Equal(Expected("xy.y").Values.Take(6).Select(v => (int)v), images.Labels);
        var named = NumPyReader.Read(Fixture("string_labels.npz"), null);
        Assert.Equal(["cat", "dog", "emu"], named.ClassNames);
        Assert.Equal(File.ReadAllLines(Fixture("string_labels.y.txt")), named.Labels!.Select(l => named.ClassNames![l]));
    }

    [Fact]
    public void A_Matrix_Column_Can_Be_The_Label()
    {
        var (_, values) = Expected("m_le_i2");
        var data = NumPyReader.Read(Fixture("m_le_i2.npy"), "2");
        Assert.Equal(DataShape.Vector(2), data.Shape);
        Assert.Equal(Enumerable.Range(0, 5).SelectMany(r => new[] { values[3 * r], values[3 * r + 1] }), data.Features);
        Assert.Equal(Enumerable.Range(0, 5).Select(r => values[3 * r + 2].ToString("R", CultureInfo.InvariantCulture)), data.Labels!.Select(l => data.ClassNames?[l] ?? l.ToString(CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("ambiguous.npz", null, "cannot tell which array holds the features (arrays: a, b)")]
    [InlineData("xy.npz:z", null, "no array 'z' in the archive (arrays: x, y)")]
    [InlineData("xy.npz", "labels", "--label-column 'labels' must be a column index 0..3 of the N×4 matrix (no array of that name either; arrays: x, y)")]
    [InlineData("complex.npy", null, "dtype '<c8' (complex numbers) is not supported")]
    [InlineData("object.npy", null, "dtype '|O' (Python objects, stored as a pickle; save a numeric array) is not supported")]
    [InlineData("images_nhw.npy", "0", "the features are images (1x4x5), so the labels must be their own array: save them with np.savez")]
    [InlineData("m_le_f4.npy:x", null, "names an array, but the file is a single .npy array")]
    public void Bad_Inputs_Give_A_Clear_Error(string spec, string? labelColumn, string message)
    {
        var e = Assert.Throws<VaeException>(() => NumPyReader.Read(Fixture(spec), labelColumn));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Truncated_Extended_And_Unknown_Version_Files_Are_Clear_Errors()
    {
        using var tmp = new TempDir();
        var good = File.ReadAllBytes(Fixture("m_le_f8.npy"));
        File.WriteAllBytes(tmp.File("cut.npy"), good[..^9]);
        File.WriteAllBytes(tmp.File("long.npy"), [.. good, 0, 0]);
        var v9 = good.ToArray(); v9[6] = 9;
        File.WriteAllBytes(tmp.File("v9.npy"), v9);
        var nan = good.ToArray(); BitConverter.GetBytes(double.NaN).CopyTo(nan, good.Length - 8 * 4);
        File.WriteAllBytes(tmp.File("nan.npy"), nan);
        Assert.Contains("truncated: the header promises 120 bytes of data (5×3 of <f8), the file has 111", Assert.Throws<VaeException>(() => NumPyReader.Read(tmp.File("cut.npy"), null)).Message);
        Assert.Contains("2 bytes more than the header's shape (5, 3) of <f8 holds", Assert.Throws<VaeException>(() => NumPyReader.Read(tmp.File("long.npy"), null)).Message);
        Assert.Contains("NPY version 9.0 is not supported (1.0, 2.0 and 3.0 are)", Assert.Throws<VaeException>(() => NumPyReader.Read(tmp.File("v9.npy"), null)).Message);
        Assert.Contains("row 3 (counting from 0): NaN is not a finite float32 value", Assert.Throws<VaeException>(() => NumPyReader.Read(tmp.File("nan.npy"), null)).Message);
    }

    [Fact]
    public void The_Npy_Source_Holds_Out_A_Test_Split_With_Image_Shapes()
    {
        var (train, test) = DataSources.LoadRaw(new DataOptions { Source = "npy:" + Fixture("xy_deflated.npz"), ValidationSize = 0 });
        Assert.Equal((18, 2), (train.Count, test.Count));
        Assert.NotNull(test.Labels);
        var (images, _) = DataSources.LoadRaw(new DataOptions { Source = "npy:" + Fixture("images_nchw.npy"), ValidationSize = 0, TestFraction = 0.2 });
        Assert.Equal(DataShape.Image(3, 4, 5), images.Shape);
        Assert.Equal(5, images.Count);
    }
}
