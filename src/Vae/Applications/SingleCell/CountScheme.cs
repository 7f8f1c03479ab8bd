using System.Runtime.CompilerServices;
using Vae.Data;

namespace Vae.Applications.SingleCell;

/// <summary>Makes <c>--data 10x:&lt;dir&gt;</c> and <c>counts:&lt;file&gt;</c> and <c>h5ad:&lt;file&gt;</c> data sources (<see cref="DataSources"/>) when the library loads.</summary>
static class CountScheme
{
#pragma warning disable CA2255 // registering a plug-in before any entry point can load data: what a module initializer is for
    [ModuleInitializer]
    internal static void Register() =>
        DataSources.Register(new(["10x:", "counts:", "h5ad:"], "10x:<dir>, counts:<file> or h5ad:<file> (single-cell counts)", 40, CountData.LoadSplits)
        {
            LoadSplits = H5adStreamedCells.LoadSplits,   // h5ad with --stream: training cells read in blocks
        });
#pragma warning restore CA2255
}
