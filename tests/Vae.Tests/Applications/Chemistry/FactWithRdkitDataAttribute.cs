namespace Vae.Tests.Applications.Chemistry;

/// <summary>A fact that needs Debian's rdkit-data files; skipped (with the install command) when they are absent.</summary>
public sealed class FactWithRdkitDataAttribute : FactAttribute
{
    public FactWithRdkitDataAttribute()
    {
        if (!ChemistryFixtures.DefaultFilesPresent)
            Skip = "needs Debian's rdkit-data (apt-get install -y rdkit-data; .ci/run installs it)";
    }
}
