namespace KinerjaBot.Domain;

/// <summary>The aspek an indicator measures (PermenPANRB 6/2022, SKP annex): how much, how well, how fast, at what cost.</summary>
public enum IndicatorAspect
{
    Kuantitas,
    Kualitas,
    Waktu,
    Biaya,
}

/// <summary>How the values reported against one indicator make up its realisation.</summary>
public enum ReportCombination
{
    /// <summary>A count ("12 laporan", "2400 dokumen"): every report adds to it.</summary>
    Sum,

    /// <summary>A level ("99 %", "85 indeks"): each report states the level reached, so the latest one counts.</summary>
    Latest,

    /// <summary>A per-case measure ("1 hari" per KTP-el): each report states the month's figure, so the year's is their mean.</summary>
    Average,
}

/// <summary>Whether a realisation above the target or below it is the better one.</summary>
public enum IndicatorDirection
{
    HigherIsBetter,

    /// <summary>The target is a ceiling: a service time (≤ 1 hari) or a budget (≤ Rp 50.000.000).</summary>
    LowerIsBetter,
}

/// <summary>How one indicator's reports are read: how they combine and which way is better.</summary>
public readonly record struct IndicatorMeasure(ReportCombination Combination, IndicatorDirection Direction);

/// <summary>
/// One indicator's figures at one moment: what is approved (the achievement) and, apart from it, what waits
/// for the rater. Every card, report and export shows these, so no two of them can disagree.
/// </summary>
/// <param name="Achievement">Approved realisation against the target as a share (1 = 100 %); null when there is nothing to measure yet.</param>
public sealed record RealisationFigures(decimal Approved, int ApprovedReports, decimal Pending, int PendingReports, decimal? Achievement);

/// <summary>The rules that turn reports into realisation and achievement.</summary>
public static class Realisation
{
    /// <summary>
    /// The most a lower-is-better indicator can achieve (200 %). Target ÷ realisation grows without bound as
    /// the realisation nears zero ("0 hari"); a ceiling keeps one excellent month from outweighing every
    /// other indicator in a person's completion. A product choice, not a rule of the regulation.
    /// </summary>
    public const decimal MaxAchievement = 2m;

    private static readonly HashSet<string> RateUnits = new(StringComparer.OrdinalIgnoreCase) { "%", "persen", "persentase", "percent", "indeks", "index", "nilai", "skor" };

    private static readonly HashSet<string> DurationUnits = new(StringComparer.OrdinalIgnoreCase) { "detik", "menit", "jam", "hari", "hari kerja", "hari kalender", "minggu", "pekan", "bulan" };

    /// <summary>True when the unit is a level (percentage, index, score) rather than a count.</summary>
    public static bool IsRate(string? unit) => unit is not null && RateUnits.Contains(unit.Trim());

    /// <summary>True when the unit is a length of time (hari, jam, menit …).</summary>
    public static bool IsDuration(string? unit) => unit is not null && DurationUnits.Contains(unit.Trim());

    /// <summary>
    /// How an indicator is read when its SKP does not say. The unit decides first, then the aspek:
    /// <list type="bullet">
    /// <item>A percentage, index or score is a level whatever the aspek ("Persentase dokumen terbit tepat
    /// waktu", aspek Waktu, 95 %): the latest report, higher is better. This also covers the usual Biaya
    /// indicator of a Pemda, "persentase penyerapan anggaran", where more absorbed is better.</item>
    /// <item>Biaya in an amount (rupiah): the target is the budget the result may cost. PermenPANRB 6/2022 keeps
    /// the aspek without a formula; the scoring it replaced (PP 46/2011, Perka BKN 1/2013) rewarded spending
    /// less than the target, and a budget is a ceiling, so lower is better. Spending accumulates month by
    /// month, so reports add up (early in the year the achievement is therefore high, up to
    /// <see cref="MaxAchievement"/>: spending is still under the budget). A unit cost ("biaya per dokumen")
    /// is a mean: import it with <c>realisation</c> Average.</item>
    /// <item>A length of time under Waktu or Kualitas ("Rata-rata waktu penerbitan KTP-el ≤ 1 hari"): each
    /// report gives the period's time per case, so the year's figure is their mean, and faster is better.</item>
    /// <item>Everything else is a count that adds up and where more is better — including a time unit under
    /// Kuantitas ("jumlah hari pelatihan": 12 hari) and rupiah under Kuantitas (revenue collected).</item>
    /// </list>
    /// </summary>
    public static IndicatorMeasure Default(IndicatorAspect aspect, string? unit)
    {
        if (IsRate(unit))
        {
            return new(ReportCombination.Latest, IndicatorDirection.HigherIsBetter);
        }

        if (aspect == IndicatorAspect.Biaya)
        {
            return new(ReportCombination.Sum, IndicatorDirection.LowerIsBetter);
        }

        return IsDuration(unit) && aspect != IndicatorAspect.Kuantitas
            ? new(ReportCombination.Average, IndicatorDirection.LowerIsBetter)
            : new(ReportCombination.Sum, IndicatorDirection.HigherIsBetter);
    }

    /// <summary>
    /// The realisation of reports given in the order they were made (for Latest, of reports on the same date
    /// the later one wins); 0 when there is none.
    /// </summary>
    public static decimal Of(ReportCombination combination, IEnumerable<(DateOnly Date, decimal Value)> reports)
    {
        switch (combination)
        {
            case ReportCombination.Sum:
                return reports.Sum(r => r.Value);
            case ReportCombination.Average:
                var list = reports.Select(r => r.Value).ToList();
                return list.Count == 0 ? 0m : Math.Round(list.Average(), 4);
            default:
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

    /// <summary>
    /// Realisation against the target as a share (1 = 100 %). Higher is better: realisation ÷ target (0 when
    /// nothing is reported yet, nothing done is a true 0 %). Lower is better: target ÷ realisation, capped at
    /// <see cref="MaxAchievement"/>; with no report there is no achievement (null), not an infinite one.
    /// Null too when the target is not positive.
    /// </summary>
    public static decimal? Achievement(IndicatorDirection direction, decimal target, decimal realisation, int reports)
    {
        if (target <= 0)
        {
            return null;
        }

        if (direction == IndicatorDirection.HigherIsBetter)
        {
            return realisation / target;
        }

        if (reports == 0)
        {
            return null;
        }

        return realisation <= 0 ? MaxAchievement : Math.Min(MaxAchievement, target / realisation);
    }

    /// <summary>
    /// The figures of one indicator: approved reports make the realisation and the achievement, submitted
    /// ones (waiting for the rater) are counted apart. Reports come in the order they were made.
    /// </summary>
    public static RealisationFigures Figures(IndicatorMeasure measure, decimal target, IEnumerable<(DateOnly Date, decimal Value, bool Approved)> reports)
    {
        var list = reports as IReadOnlyCollection<(DateOnly Date, decimal Value, bool Approved)> ?? reports.ToList();
        var approved = list.Where(r => r.Approved).Select(r => (r.Date, r.Value)).ToList();
        var pending = list.Where(r => !r.Approved).Select(r => (r.Date, r.Value)).ToList();
        var realisation = Of(measure.Combination, approved);
        return new RealisationFigures(realisation, approved.Count, Of(measure.Combination, pending), pending.Count,
            Achievement(measure.Direction, target, realisation, approved.Count));
    }

    /// <summary>
    /// A person's completion in percent: the mean over their indicators of the approved achievement, each
    /// capped at 100 % (an indicator with nothing to measure yet counts as 0); null without indicators.
    /// </summary>
    public static decimal? CompletionPercent(IReadOnlyCollection<decimal?> achievements) =>
        achievements.Count == 0 ? null : Math.Round(achievements.Average(a => Math.Min(1m, a ?? 0m)) * 100, 0);
}
