using System.Runtime.CompilerServices;
using Vae.Data.NumPy;

namespace Vae.Data.Tables;

/// <summary>
/// The <c>--data</c> schemes of tables and arrays written by other tools: <c>parquet:</c>, <c>arrow:</c>
/// (or <c>feather:</c>) and <c>npy:</c>. Each loads one file and holds out the test split as <c>csv:</c> does
/// (<see cref="DataOptions.TestFraction"/> of the rows, chosen by <see cref="DataOptions.SplitSeed"/>).
/// </summary>
static class TableSources
{
#pragma warning disable CA2255 // registering a data source before any entry point can load data: what a module initializer is for
    [ModuleInitializer]
    internal static void Register()
    {
        DataSources.Register(new(["parquet:"], "parquet:<file> (an Apache Parquet table, one example per row)", 22,
            o => TableBuilder.HoldOut(ParquetTableReader.Read(o.Source["parquet:".Length..], o.LabelColumn), o)));
        DataSources.Register(new(["arrow:", "feather:"], "arrow:<file> (an Arrow IPC / Feather v2 table)", 24,
            o => TableBuilder.HoldOut(ArrowTableReader.Read(o.Source[(o.Source.IndexOf(':') + 1)..], o.LabelColumn), o)));
        DataSources.Register(new(["npy:"], "npy:<file.npy|file.npz[:array]> (NumPy arrays; images keep their shape)", 26,
            o => TableBuilder.HoldOut(NumPyReader.Read(o.Source["npy:".Length..], o.LabelColumn), o)));
    }
#pragma warning restore CA2255
}
