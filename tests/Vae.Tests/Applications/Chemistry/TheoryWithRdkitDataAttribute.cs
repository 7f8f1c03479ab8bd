namespace Vae.Tests.Applications.Chemistry;

/// <summary>A theory that needs Debian's rdkit-data files; skipped (with the install command) when they are absent.</summary>
public sealed class TheoryWithRdkitDataAttribute : TheoryAttribute
{
    public TheoryWithRdkitDataAttribute()
    {
        if (!ChemistryFixtures.DefaultFilesPresent)
            Skip = "needs Debian's rdkit-data (apt-get install -y rdkit-data; .ci/run installs it)";
    }
}
