using System.Globalization;
using Vae.Evaluation;

namespace Vae.Workflows.Reports;

/// <summary>Numbers and words as the report pages write them (invariant culture).</summary>
public static class ReportText
{
    public static string F(double value, int digits = 2) =>
        double.IsFinite(value) ? value.ToString("F" + digits, CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    public static string F(double? value, int digits = 2) => value is double v ? F(v, digits) : "—";

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string G(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString(elapsed.TotalSeconds < 10 ? "F1" : "F0", CultureInfo.InvariantCulture) + " s";

    public static string Verdict(CollapseVerdict verdict) => verdict switch
    {
        CollapseVerdict.Healthy => "healthy",
        CollapseVerdict.PartiallyCollapsed => "partially collapsed",
        _ => "collapsed",
    };
}
