namespace KinerjaBot.Domain;

/// <summary>
/// How the values reported against one indicator make up its realisation. A count ("12 laporan",
/// "2400 dokumen") accumulates: every report adds to it. A rate ("99 %", "85 indeks") does not: each
/// report states the level reached, so the realisation is the latest one — adding up three monthly
/// "99 %" reports would claim 297 %.
/// </summary>
public static class Realisation
{
    private static readonly HashSet<string> RateUnits = new(StringComparer.OrdinalIgnoreCase) { "%", "persen", "percent", "indeks", "index", "nilai" };

    /// <summary>True when the indicator's unit is a level (percentage, index, score) rather than a count.</summary>
    public static bool IsRate(string? unit) => unit is not null && RateUnits.Contains(unit.Trim());

    /// <summary>
    /// The realisation of reports given in the order they were made (for reports on the same date the
    /// later one wins); 0 when there is none.
    /// </summary>
    public static decimal Of(string? unit, IEnumerable<(DateOnly Date, decimal Value)> reports)
    {
        if (!IsRate(unit))
        {
            return reports.Sum(r => r.Value);
        }

        var latest = default((DateOnly Date, decimal Value)?);
        foreach (var report in reports)
        {
            if (latest is null || report.Date >= latest.Value.Date)
            {
                latest = report;
            }
        }

        return latest?.Value ?? 0m;
    }
}
