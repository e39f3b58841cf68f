using KinerjaBot.Domain;
using KinerjaBot.Localization;

namespace KinerjaBot.Features.Progress;

/// <summary>
/// The one way an indicator's figures are written on a card: the approved realisation against the target
/// with its achievement, then what still waits for the rater ("11 dari 12 laporan disetujui (92 %), 1 laporan
/// menunggu"). Pending reports never count as achievement.
/// </summary>
public static class FiguresText
{
    public static string Of(Texts t, RealisationFigures figures, IndicatorMeasure measure, decimal target, string unit)
    {
        // A level or a mean of no reports is not 0: say that nothing is approved yet rather than show "rata-rata 0 hari".
        var text = figures.ApprovedReports == 0 && measure.Combination != ReportCombination.Sum
            ? t.Format("Progress.Figures.NoneApproved", Target(t, measure, target, unit))
            : t.Format("Progress.Figures.Approved", Realised(t, figures.Approved, measure, target, unit), Achievement(t, figures.Achievement, measure.Direction));
        return figures.PendingReports > 0 ? t.Format("Progress.Figures.WithPending", text, figures.PendingReports) : text;
    }

    /// <summary>"11 dari 12 laporan"; a ceiling reads "0,5 hari (target ≤ 1 hari)"; a mean says so.</summary>
    public static string Realised(Texts t, decimal realisation, IndicatorMeasure measure, decimal target, string unit)
    {
        var value = measure.Combination == ReportCombination.Average ? t.Format("Progress.Figures.Average", t.Number(realisation)) : t.Number(realisation);
        return t.Format(measure.Direction == IndicatorDirection.LowerIsBetter ? "Progress.Figures.Lower" : "Progress.Figures.Higher", value, t.Number(target), unit);
    }

    /// <summary>"99 %", or "≤ 1 hari" for a ceiling.</summary>
    private static string Target(Texts t, IndicatorMeasure measure, decimal target, string unit) =>
        (measure.Direction == IndicatorDirection.LowerIsBetter ? "≤ " : "") + t.Number(target) + " " + unit;

    /// <summary>"92 %"; above target on a ceiling says it is better, since a smaller number can read as worse.</summary>
    public static string Achievement(Texts t, decimal? achievement, IndicatorDirection direction)
    {
        if (achievement is not { } a)
        {
            return "–";
        }

        var percent = t.Number(Math.Round(a * 100, 0)) + " %";
        return direction == IndicatorDirection.LowerIsBetter && a > 1 ? t.Format("Progress.Figures.Better", percent) : percent;
    }
}
