using System.Globalization;
using KinerjaBot.Domain;

namespace KinerjaBot.Features.Reminders;

/// <summary>The deadline rules the planner knows.</summary>
public enum ReminderRuleKind
{
    DailyProgress,
    MonthlyRealisation,
    QuarterlyEvaluation,
    SkpPlanning,
    AnnualAppraisal,
    FeedbackDue,
}

/// <summary>One deadline: a rule's occurrence (a day, month, quarter, year or feedback request) and its due date.</summary>
/// <param name="Occurrence">Stable id within the rule: "2026-11-23", "2026-11", "2026-Q3", "2026", or a request id.</param>
/// <param name="Period">The period the deadline is about (none for feedback requests).</param>
public sealed record Deadline(ReminderRuleKind Rule, string Occurrence, DateOnly Due, PerformancePeriod? Period);

/// <summary>A deadline that has a reminder (before or on the day) or an escalation (after it) on a given date.</summary>
/// <param name="WorkingDays">Working days from that date to the deadline: 3 for H-3, 0 on the day, -1 for H+1.</param>
public sealed record DeadlineStage(Deadline Deadline, int WorkingDays)
{
    public bool IsEscalation => WorkingDays < 0;

    /// <summary>"H-3", "H", "H+1": part of the outbox key, so each stage is sent once.</summary>
    public string Label => WorkingDays switch
    {
        0 => "H",
        > 0 => string.Create(CultureInfo.InvariantCulture, $"H-{WorkingDays}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"H+{-WorkingDays}"),
    };
}

/// <summary>
/// Pure deadline arithmetic: when each rule's deadlines fall and which of their reminder days is a given
/// date. Dates are the recipient's local dates; working days skip weekends, libur nasional and cuti bersama.
/// </summary>
public sealed class ReminderCalendar(WorkingCalendar calendar, ReminderOptions options)
{
    public WorkingCalendar Working { get; } = calendar;

    public ReminderOptions Options { get; } = options;

    public ReminderRule RuleOf(ReminderRuleKind kind) => kind switch
    {
        ReminderRuleKind.DailyProgress => Options.DailyProgress,
        ReminderRuleKind.MonthlyRealisation => Options.MonthlyRealisation,
        ReminderRuleKind.QuarterlyEvaluation => Options.QuarterlyEvaluation,
        ReminderRuleKind.SkpPlanning => Options.SkpPlanning,
        ReminderRuleKind.AnnualAppraisal => Options.AnnualAppraisal,
        ReminderRuleKind.FeedbackDue => Options.FeedbackDue,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// The deadline of a period rule: <see cref="ReminderRule.DueDay"/> of the month after the period (for SKP
    /// planning, of January of the SKP's own year), or that month's last working day for 0; a day off moves back.
    /// </summary>
    public DateOnly DueOf(ReminderRuleKind kind, PerformancePeriod period)
    {
        var dueMonth = kind == ReminderRuleKind.SkpPlanning ? new DateOnly(period.Year, 1, 1) : period.End.AddDays(1);
        var dueDay = RuleOf(kind).DueDay;
        var day = dueDay == 0
            ? dueMonth.AddMonths(1).AddDays(-1)
            : new DateOnly(dueMonth.Year, dueMonth.Month, Math.Min(dueDay, DateTime.DaysInMonth(dueMonth.Year, dueMonth.Month)));
        return Working.PreviousWorkingDayOnOrBefore(day);
    }

    /// <summary>A feedback request's deadline: its due date, or the working day before when that is a day off.</summary>
    public Deadline FeedbackDeadline(int requestId, DateOnly dueDate) =>
        new(ReminderRuleKind.FeedbackDue, requestId.ToString(CultureInfo.InvariantCulture), Working.PreviousWorkingDayOnOrBefore(dueDate), null);

    /// <summary>The deadline of a rule's occurrence, from its id (for a snooze); null for feedback and unknown ids.</summary>
    public Deadline? Find(ReminderRuleKind kind, string occurrence)
    {
        if (kind == ReminderRuleKind.DailyProgress)
        {
            return DateOnly.TryParseExact(occurrence, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? new Deadline(kind, occurrence, day, PerformancePeriod.Containing(day, PeriodKind.Month))
                : null;
        }

        return kind != ReminderRuleKind.FeedbackDue && PerformancePeriod.TryParse(occurrence, out var period) && period.Kind == PeriodKindOf(kind)
            ? new Deadline(kind, occurrence, DueOf(kind, period), period)
            : null;
    }

    /// <summary>Every period deadline with a reminder or escalation on <paramref name="date"/> (rules that are enabled).</summary>
    public IReadOnlyList<DeadlineStage> StagesOn(DateOnly date)
    {
        var stages = new List<DeadlineStage>();
        if (!Working.IsWorkingDay(date))
        {
            return stages;
        }

        if (Options.DailyProgress.Enabled)
        {
            stages.Add(new DeadlineStage(new Deadline(ReminderRuleKind.DailyProgress, Day(date), date, PerformancePeriod.Containing(date, PeriodKind.Month)), 0));
        }

        foreach (var kind in new[] { ReminderRuleKind.MonthlyRealisation, ReminderRuleKind.QuarterlyEvaluation, ReminderRuleKind.SkpPlanning, ReminderRuleKind.AnnualAppraisal })
        {
            if (!RuleOf(kind).Enabled)
            {
                continue;
            }

            foreach (var period in CandidatePeriods(kind, date))
            {
                var deadline = new Deadline(kind, period.Code, DueOf(kind, period), period);
                if (StageOn(deadline, date) is { } stage)
                {
                    stages.Add(stage);
                }
            }
        }

        return stages;
    }

    /// <summary>The stage of <paramref name="deadline"/> on <paramref name="date"/>, if its rule reminds or escalates then.</summary>
    public DeadlineStage? StageOn(Deadline deadline, DateOnly date)
    {
        if (!Working.IsWorkingDay(date))
        {
            return null;
        }

        var rule = RuleOf(deadline.Rule);
        var between = Working.WorkingDaysBetween(date, deadline.Due);
        if (between >= 0 && rule.BeforeDays.Contains(between))
        {
            return new DeadlineStage(deadline, between);
        }

        return between < 0 && rule.AfterDays.Contains(-between) ? new DeadlineStage(deadline, between) : null;
    }

    /// <summary>The next working day after <paramref name="date"/>: where "ingatkan besok" lands.</summary>
    public DateOnly SnoozeDate(DateOnly date) => Working.NextWorkingDay(date);

    internal static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static PeriodKind PeriodKindOf(ReminderRuleKind kind) => kind switch
    {
        ReminderRuleKind.MonthlyRealisation => PeriodKind.Month,
        ReminderRuleKind.QuarterlyEvaluation => PeriodKind.Quarter,
        _ => PeriodKind.Year,
    };

    // Offsets reach at most 60 working days (about three months) either side of a deadline.
    private static IEnumerable<PerformancePeriod> CandidatePeriods(ReminderRuleKind kind, DateOnly date)
    {
        var kindOfPeriod = PeriodKindOf(kind);
        var first = PerformancePeriod.Containing(date.AddMonths(-5), kindOfPeriod);
        var last = PerformancePeriod.Containing(date.AddMonths(5), kindOfPeriod);
        for (var p = first; p.Start <= last.Start; p = p.Next())
        {
            // Triwulan IV is evaluated as the annual appraisal (the annex's "IV-AKHIR").
            if (kind == ReminderRuleKind.QuarterlyEvaluation && p.Number == 4)
            {
                continue;
            }

            yield return p;
        }
    }
}
