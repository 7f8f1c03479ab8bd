using Vae.Applications.SingleCell;
using Vae.Data;
using Vae.Runs;
using Vae.Training;

namespace Vae.Tests.Applications.SingleCell;

/// <summary>The 10x:/counts: data source: genes, labels, one-hot batches and the held-out split.</summary>
public class CountDataTests : IDisposable
{
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    string Simulate(int cells = 300, int genes = 80, int batches = 2, int seed = 4)
    {
        string dir = tmp.File($"sim-{cells}-{genes}-{batches}-{seed}");
        CountSimulator.Simulate(new SimulationOptions { Cells = cells, Genes = genes, Types = 3, Batches = batches, Seed = seed }).Write(dir);
        return dir;
    }

    [Fact]
    public void A_TenX_Source_Gives_Counts_Of_The_Selected_Genes_Labels_And_One_Hot_Batches_Joined_On_Barcode()
    {
        string dir = Simulate();
        var options = new DataOptions { Source = "10x:" + dir, Metadata = Path.Combine(dir, "metadata.csv"), LabelKey = "cell_type", BatchKey = "batch", HighlyVariableGenes = 30 };
        var data = CountData.Load(options);
        var counts = TenXFolder.Read(dir);
        var meta = CellMetadata.Read(Path.Combine(dir, "metadata.csv"));
        var types = meta.Join(counts.Barcodes, "cell_type");
        var batches = meta.Join(counts.Barcodes, "batch");
        Assert.Equal(30, data.Genes.Length);
        Assert.Equal(HighlyVariableGenes.Select(counts.Counts, 30, data.Cells.Batches).Selected, data.Genes);
        Assert.Equal(["rare", "type_1", "type_2"], data.Train.ClassNames);   // sorted names
        Assert.Equal(2, data.Train.ConditionSize);
        foreach (var (set, rows) in new[] { (data.Train, data.TrainCells), (data.Test, data.TestCells) })
        {
            Assert.Equal(DataShape.Vector(30), set.Shape);
            for (int k = 0; k < rows.Length; k++)
            {
                int cell = rows[k];
                for (int j = 0; j < 30; j++) Assert.Equal(counts.Counts[cell, data.Genes[j]], set.Row(k)[j]);
                Assert.Equal(types[cell], set.ClassNames![set.Labels![k]]);
                int b = batches[cell] == "batch_1" ? 0 : 1;
                Assert.Equal(b == 0 ? [1f, 0f] : [0f, 1f], set.Conditions!.AsSpan(k * 2, 2).ToArray());
            }
        }
    }

    [Fact]
    public void The_Held_Out_Cells_Are_A_Fixed_Random_Fraction_Disjoint_From_Training()
    {
        string dir = Simulate();
        var options = new DataOptions { Source = "10x:" + dir, TestFraction = 0.2, SplitSeed = 3 };
        var a = CountData.Load(options);
        var b = CountData.Load(options);
        Assert.Equal(a.TestCells, b.TestCells);
        Assert.Equal(60, a.TestCells.Length);
        Assert.Equal(Enumerable.Range(0, 300), a.TrainCells.Concat(a.TestCells).Order());
        Assert.NotEqual(Enumerable.Range(0, 60), a.TestCells);                                   // not simply the first cells
        Assert.NotEqual(a.TestCells, CountData.Load(options with { SplitSeed = 4 }).TestCells); // the seed decides
        Assert.Null(a.Train.Conditions);                                                         // no batch key, no conditions
        Assert.Null(a.Train.Labels);
        Assert.Equal(80, a.Genes.Length);                                                        // no --hvg: every gene
        // DataSources serves the same split (with the validation split taken from training)
        var splits = DataSources.Load(options with { ValidationSize = 40 });
        Assert.Equal(60, splits.Test.Count);
        Assert.Equal(240 - 40, splits.Train.Count);
        Assert.Equal(a.Test.Features, splits.Test.Features);
    }

    [Fact]
    public void Trainer_Resolve_Sets_The_Conditions_From_The_Data_And_Refuses_A_Condition_Encoder_Without_Them()
    {
        string dir = Simulate(batches: 3);
        var options = new DataOptions { Source = "10x:" + dir, Metadata = Path.Combine(dir, "metadata.csv"), BatchKey = "batch", ValidationSize = 0 };
        var splits = DataSources.Load(options);
        var config = new RunConfig { Data = options, Model = TestModels.SmallMlp(likelihood: Vae.Distributions.LikelihoodKind.NegativeBinomial) };
        var resolved = Trainer.Resolve(config, splits);
        Assert.Equal(3, resolved.Model.Conditions);
        Assert.Equal(DataShape.Vector(80), resolved.Model.Input);
        var plain = DataSources.Load(options with { BatchKey = null });
        Assert.Equal(0, Trainer.Resolve(config, plain).Model.Conditions);
        var e = Assert.Throws<VaeException>(() => Trainer.Resolve(config with { Model = config.Model with { ConditionEncoder = true } }, plain));
        Assert.Contains("--condition-encoder", e.Message);
    }

    [Fact]
    public void Keys_Default_To_Cell_Type_And_Batch_When_The_Metadata_Has_Them()
    {
        string dir = Simulate(cells: 60, genes: 20);
        string meta = Path.Combine(dir, "metadata.csv");
        Assert.Equal(("cell_type", "batch"), CountData.ResolveKeys(meta, null, null));
        Assert.Equal(((string?)null, (string?)null), CountData.ResolveKeys(meta, "none", "none"));
        Assert.Equal(("pseudotime", "batch"), CountData.ResolveKeys(meta, "pseudotime", null));
        string other = tmp.File("other.csv");
        File.WriteAllText(other, "barcode,tissue\nA,x\n");
        Assert.Equal(((string?)null, (string?)null), CountData.ResolveKeys(other, null, null));
        Assert.Equal(((string?)null, (string?)null), CountData.ResolveKeys(null, null, null));
        Assert.Throws<VaeException>(() => CountData.ResolveKeys(null, null, "batch"));
        // a key the metadata lacks is reported when the data is loaded, naming the option
        var e = Assert.Throws<VaeException>(() => CountData.Load(new DataOptions { Source = "10x:" + dir, Metadata = meta, BatchKey = "lane" }));
        Assert.Contains("--batch-key lane", e.Message);
    }

    [Fact]
    public void One_Hot_Codes_And_Merge_Put_Rows_Back_In_Cell_Order()
    {
        Assert.Equal([0f, 1f, 0f, 1f, 0f, 0f, 0f, 0f, 1f], CountData.OneHot([1, 0, 2], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => CountData.OneHot([3], 3));
        var cells = new AnnotatedCells(new CellCounts("x", SparseCounts.FromTriplets(4, 1, [0, 1, 2, 3], [0, 0, 0, 0], [1, 2, 3, 4]), ["a", "b", "c", "d"], ["g"]), null, null, null, null);
        var data = new CellData(cells, [0], [0, 2], [1, 3], CountData.ToDataset(cells, [0, 2], [0], "train"), CountData.ToDataset(cells, [1, 3], [0], "test"));
        Assert.Equal([1f, 3f], data.Train.Features);
        Assert.Equal([10f, 11f, 20f, 21f, 12f, 13f, 22f, 23f], data.Merge([10, 11, 12, 13], [20, 21, 22, 23], 2));
        Assert.Equal([false, true, false, true], data.IsTest());
        Assert.Equal(0, CellEvaluation.RareLabel([1, 0, 1, 2, 2, 1, 2], ["a", "b", "c"], null));
        Assert.Equal(2, CellEvaluation.RareLabel([1, 0, 1], ["a", "b", "c"], "c"));
        Assert.Throws<VaeException>(() => CellEvaluation.RareLabel([0], ["a"], "z"));
    }
}
