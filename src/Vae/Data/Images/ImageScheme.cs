using System.Runtime.CompilerServices;

namespace Vae.Data.Images;

/// <summary>Makes <c>--data images:&lt;dir&gt;</c> a data source (<see cref="DataSources"/>) when the library loads.</summary>
static class ImageScheme
{
#pragma warning disable CA2255 // registering a data source before any entry point can load data: what a module initializer is for
    [ModuleInitializer]
    internal static void Register() =>
        DataSources.Register(new([ImageFolder.Scheme], "images:<dir> (PNG, JPEG, BMP, GIF, WebP; subfolders are classes)", 28, ImageFolder.Load));
#pragma warning restore CA2255
}
