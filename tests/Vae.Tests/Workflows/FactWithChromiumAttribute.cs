using Vae.Reliability;

namespace Vae.Tests.Workflows;

/// <summary>A fact that needs Debian's chromium; skipped (with the install command) when it is absent.</summary>
public sealed class FactWithChromiumAttribute : FactAttribute
{
    public FactWithChromiumAttribute()
    {
        if (HeadlessChromium.Find() is null)
            Skip = "needs a headless browser: Debian's chromium (apt-get install -y chromium; .ci/run installs it), or VAE_CHROMIUM=<path>";
    }
}
