using Vae.Applications.Disentanglement;
using Vae.Data;

namespace Vae.Tests.Applications.Disentanglement;

public class FactorDatasetFolderTests
{
    [Fact]
    public void A_Written_Subset_Reads_Back_As_Mnist_Files_Whose_Images_Match_Their_Factors()
    {
        using var temp = new TempDir();
        string dir = temp.File("ds");
        var data = new DSprites();
        var info = FactorDatasetFolder.Write(dir, data, subset: 40, test: 10, seed: 3);
        Assert.Equal((40, 10, "dsprites"), (info.Train, info.Test, info.Generator));

        var (train, test) = MnistFolder.Load(dir, "ds", null, null);
        Assert.Equal(DataShape.Image(1, 64, 64), train.Shape);
        Assert.Equal((40, 10), (train.Count, test.Count));
        var lines = File.ReadAllLines(Path.Combine(dir, FactorDatasetFolder.FactorsFile));
        Assert.Equal("split,row,grid_index,shape,scale,orientation,pos_x,pos_y,shape_index,scale_index,orientation_index,pos_x_index,pos_y_index", lines[0]);
        Assert.Equal(51, lines.Length);
        var grid = new HashSet<long>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var set = cells[0] == "train" ? train : test;
            int row = int.Parse(cells[1]);
            long index = long.Parse(cells[2]);
            var factors = cells[8..].Select(int.Parse).ToArray();
            Assert.Equal(index, data.IndexOf(factors));
            Assert.Equal(data.Factors[0].Labels![factors[0]], cells[3]);
            Assert.Equal(data.Factors[1].Values[factors[1]], double.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(data.Render(factors), set.Row(row).ToArray());   // bytes 0/255 read back as 0/1
            Assert.Equal(factors[0], set.Labels![row]);
            Assert.True(grid.Add(index), "train and test images are distinct");
        }
        Assert.IsType<DSprites>(FactorDatasetFolder.Open(dir));
        Assert.IsType<DSprites>(FactorDatasetFolder.Open("mnist:" + dir));
        Assert.IsType<ShadedShapes>(FactorDatasetFolder.Open("shaded"));
    }

    [Fact]
    public void The_Same_Seed_Writes_The_Same_Files()
    {
        using var temp = new TempDir();
        FactorDatasetFolder.Write(temp.File("a"), new ShadedShapes(), 12, 3, seed: 8);
        FactorDatasetFolder.Write(temp.File("b"), new ShadedShapes(), 12, 3, seed: 8);
        var (a, _) = MnistFolder.Load(temp.File("a"), "a", null, null);
        var (b, _) = MnistFolder.Load(temp.File("b"), "b", null, null);
        Assert.Equal(DataShape.Image(3, 64, 64), a.Shape);
        Assert.Equal(a.Features, b.Features);
        Assert.Equal(File.ReadAllText(temp.File("a/factors.csv")), File.ReadAllText(temp.File("b/factors.csv")));
    }

    [Fact]
    public void Bad_Requests_Are_Reported_As_User_Errors()
    {
        using var temp = new TempDir();
        Assert.Throws<VaeException>(() => FactorDatasetFolder.Write(temp.File("x"), new ShadedShapes(), 47_999, 10, 0));
        Assert.Throws<VaeException>(() => FactorDatasetFolder.Open(temp.Path));   // no dataset.json
        Assert.Throws<VaeException>(() => FactorDatasetFolder.Open("no-such-generator"));
    }
}
