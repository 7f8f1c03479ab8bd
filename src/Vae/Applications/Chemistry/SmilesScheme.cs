using System.Runtime.CompilerServices;
using Vae.Data;

namespace Vae.Applications.Chemistry;

/// <summary>Makes <c>--data smiles:&lt;file&gt;[:column]</c> a data source (<see cref="DataSources"/>) when the library loads.</summary>
static class SmilesScheme
{
#pragma warning disable CA2255 // registering a plug-in before any entry point can load data: what a module initializer is for
    [ModuleInitializer]
    internal static void Register() =>
        DataSources.Register(new([SmilesSource.Prefix], "smiles:<file>[:column] or smiles:all (molecules as token sequences)", 30, SmilesData.Load)
        {
            LoadSplits = RandomizedSmiles.LoadSplits,   // --augment randomized: the training molecules respelled each epoch
        });
#pragma warning restore CA2255
}
