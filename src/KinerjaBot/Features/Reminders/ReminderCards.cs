using System.Globalization;
using System.Text.Json.Nodes;
using KinerjaBot.Domain;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Cards;

namespace KinerjaBot.Features.Reminders;

/// <summary>Reminder, pending-approvals and team digest cards, and the reminder settings.</summary>
public static class ReminderCards
{
    /// <summary>A digest lists this many items and says how many more there are.</summary>
    public const int MaxListed = 10;


    /// <summary>A deadline reminder with what to do now, "ingatkan besok", and (for optional nudges) a way to turn them off.</summary>
    public static AdaptiveCard Reminder(Texts t, ReminderView v)
    {
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t["Reminder.Title." + v.Rule]) { Size = CardStyles.Medium, Weight = CardStyles.Bolder },
                new TextBlock(Body(t, v)),
                new FactSet
                {
                    Facts =
                    {
                        new Fact(t["Reminder.Field.Due"], t.Date(v.Due) + " (" + v.Due.ToDateTime(TimeOnly.MinValue).ToString("dddd", t.Culture) + ")"),
                        new Fact(t["Reminder.Field.Left"], Left(t, v.WorkingDaysLeft)),
                    },
                },
            },
        };
        if (v.IsRepeat)
        {
            card.Body.Insert(1, new TextBlock(t["Reminder.Repeat"]) { IsSubtle = true, Spacing = CardStyles.Small });
        }

        card.Body.Add(new TextBlock(t[v.Mandatory ? "Reminder.Mandatory" : "Reminder.Optional"]) { IsSubtle = true, Size = CardStyles.Small });
        var actions = new List<CardAction>();
        if (PrimaryAction(t, v.Rule, v.Period) is { } primary)
        {
            actions.Add(primary);
        }

        actions.Add(new ExecuteAction
        {
            Verb = Verbs.ReminderSnooze,
            Title = t["Reminder.Action.Snooze"],
            Data = new JsonObject { ["rule"] = v.Rule.ToString(), ["occurrence"] = v.Occurrence },
        });
        if (!v.Mandatory)
        {
            actions.Add(new ExecuteAction { Verb = Verbs.ReminderOptOut, Title = t["Reminder.Action.OptOut"], Data = [] });
        }

        card.Actions = actions;
        return card;
    }

    /// <summary>Submissions waiting for a rater: the daily digest they chose, or a nudge about old ones.</summary>
    public static AdaptiveCard Approvals(Texts t, ApprovalsView v)
    {
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t["Reminder.Approvals.Title"]) { Size = CardStyles.Medium, Weight = CardStyles.Bolder },
                new TextBlock(t.Format("Reminder.Approvals.Intro", v.Address, v.Total)),
                new FactSet
                {
                    Facts = v.Items.Select(i => new Fact(i.EmployeeName, $"{i.What} ({t.Date(i.Date)})")).ToList(),
                },
            },
            Actions =
            [
                new ExecuteAction { Verb = Verbs.ReviewList, Title = t["Reminder.Action.Review"], Style = CardStyles.Positive, Data = [] },
            ],
        };
        if (v.Total > v.Items.Count)
        {
            card.Body.Add(new TextBlock(t.Format("Reminder.More", v.Total - v.Items.Count)) { IsSubtle = true, Spacing = CardStyles.Small });
        }

        card.Body.Add(new TextBlock(v.IsDigest ? t["Reminder.Approvals.DigestNote"] : t.Format("Reminder.Approvals.NudgeNote", v.NudgeAfterWorkingDays))
        {
            IsSubtle = true,
            Size = CardStyles.Small,
        });
        card.Actions.Add(new ExecuteAction
        {
            Verb = v.IsDigest ? Verbs.ApprovalsDigestOff : Verbs.ApprovalsDigestOn,
            Title = t[v.IsDigest ? "Reminder.Action.DigestOff" : "Reminder.Action.DigestOn"],
            Data = [],
        });
        return card;
    }

    /// <summary>The one daily digest a rater gets about their team: overdue items and members the bot cannot reach.</summary>
    public static AdaptiveCard TeamDigest(Texts t, string address, IReadOnlyList<TeamMemberAlert> alerts)
    {
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t["Reminder.Team.Title"]) { Size = CardStyles.Medium, Weight = CardStyles.Bolder },
                new TextBlock(t.Format("Reminder.Team.Intro", address)),
            },
            Actions = [new ExecuteAction { Verb = Verbs.Status, Title = t["Reminder.Action.Status"], Data = [] }],
        };
        foreach (var alert in alerts.Take(MaxListed * 2))
        {
            var items = new List<CardElement> { new TextBlock(alert.EmployeeName) { Weight = CardStyles.Bolder } };
            foreach (var item in alert.Overdue)
            {
                items.Add(new TextBlock(t.Format("Reminder.Team.Overdue", What(t, item.Rule, item.Period, item.Counterpart, item.Count), t.Date(item.Due)))
                {
                    Spacing = CardStyles.Small,
                });
            }

            if (alert.UnreachableSince is { } since)
            {
                items.Add(new TextBlock(t.Format("Reminder.Team.Unreachable.Since", t.Date(since))) { Color = CardStyles.Attention, Spacing = CardStyles.Small });
            }
            else if (alert.Unreachable is { } reason)
            {
                items.Add(new TextBlock(t["Reminder.Team.Unreachable." + reason]) { Color = CardStyles.Attention, Spacing = CardStyles.Small });
            }

            card.Body.Add(new Container { Items = items, Separator = true, Spacing = CardStyles.Medium });
        }

        if (alerts.Count > MaxListed * 2)
        {
            card.Body.Add(new TextBlock(t.Format("Reminder.More", alerts.Count - MaxListed * 2)) { IsSubtle = true });
        }

        return card;
    }

    /// <summary>The user's reminder settings with the switches that apply to them.</summary>
    public static AdaptiveCard Settings(Texts t, ReminderSettingsView v, string? notice = null)
    {
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t["Reminder.Settings.Title"]) { Size = CardStyles.Medium, Weight = CardStyles.Bolder },
            },
            Actions = [],
        };
        if (notice is not null)
        {
            card.Body.Add(new TextBlock(notice) { Color = CardStyles.Good, Weight = CardStyles.Bolder });
        }

        var facts = new FactSet
        {
            Facts = { new Fact(t["Reminder.Settings.Optional"], t[v.OptionalNudgesOff ? "Reminder.Settings.Off" : "Reminder.Settings.On"]) },
        };
        if (v.IsRater)
        {
            facts.Facts.Add(new Fact(t["Reminder.Settings.Approvals"], v.ApprovalsAsDigest ? t.Format("Reminder.Settings.Digest", v.DigestTime) : t["Reminder.Settings.PerSubmission"]));
        }

        card.Body.Add(facts);
        card.Body.Add(new TextBlock(t["Reminder.Settings.Hint"]) { IsSubtle = true, Size = CardStyles.Small });
        card.Actions.Add(v.OptionalNudgesOff
            ? new ExecuteAction { Verb = Verbs.ReminderOptIn, Title = t["Reminder.Action.OptIn"], Data = [] }
            : new ExecuteAction { Verb = Verbs.ReminderOptOut, Title = t["Reminder.Action.OptOut"], Data = [] });
        if (v.IsRater)
        {
            card.Actions.Add(v.ApprovalsAsDigest
                ? new ExecuteAction { Verb = Verbs.ApprovalsDigestOff, Title = t["Reminder.Action.DigestOff"], Data = [] }
                : new ExecuteAction { Verb = Verbs.ApprovalsDigestOn, Title = t["Reminder.Action.DigestOn"], Data = [] });
        }

        return card;
    }

    /// <summary>What replaces a reminder card after "ingatkan besok".</summary>
    /// <summary>To the people who look after the bot: the holiday list for the coming weeks is not the official one.</summary>
    public static AdaptiveCard CalendarUncovered(Texts t, string address, string years, int days) => new()
    {
        Body =
        {
            new TextBlock(t["Calendar.Uncovered.Title"]) { Size = CardStyles.Medium, Weight = CardStyles.Bolder },
            new TextBlock(t.Format("Calendar.Uncovered.Text", address, days, years)),
        },
    };

    public static AdaptiveCard Snoozed(Texts t, DateOnly date, string time) => new()
    {
        Body = { new TextBlock(t.Format("Reminder.Snoozed", t.Date(date), time)) },
    };

    /// <summary>"09.00 WIB" in the reader's notation.</summary>
    public static string TimeLabel(Texts t, TimeOnly time, TimeZoneInfo zone) =>
        time.ToString("HH:mm", t.Culture) + " " + IndonesianTimeZones.Abbreviation(zone);

    /// <summary>"realisasi November 2026", "SKP 2027", "penilaian triwulan III 2026 (2 pegawai)".</summary>
    public static string What(Texts t, ReminderRuleKind rule, PerformancePeriod? period, string? counterpart, int count) => rule switch
    {
        ReminderRuleKind.DailyProgress => t.Format("Reminder.What.DailyProgress", period is null ? "" : t.Date(period.Value.Start)),
        ReminderRuleKind.FeedbackDue => t.Format("Reminder.What.FeedbackDue", counterpart),
        ReminderRuleKind.QuarterlyEvaluation or ReminderRuleKind.AnnualAppraisal => t.Format("Reminder.What." + rule, period is { } p ? t.Period(p) : "", count),
        _ => t.Format("Reminder.What." + rule, PeriodLabel(t, period)),
    };

    /// <summary>The period as people read it; an SKP is named by its bare year ("SKP 2027").</summary>
    public static string PeriodLabel(Texts t, PerformancePeriod? period) => period switch
    {
        null => "",
        { Kind: PeriodKind.Year } p => p.Year.ToString(CultureInfo.InvariantCulture),
        { } p => t.Period(p),
    };

    private static string Body(Texts t, ReminderView v) => v.Rule switch
    {
        ReminderRuleKind.DailyProgress => t.Format("Reminder.Body.DailyProgress", v.Address, t.Date(v.Due)),
        ReminderRuleKind.FeedbackDue => t.Format("Reminder.Body.FeedbackDue", v.Address, v.Counterpart),
        ReminderRuleKind.QuarterlyEvaluation or ReminderRuleKind.AnnualAppraisal => t.Format("Reminder.Body." + v.Rule, v.Address, v.Period is { } p ? t.Period(p) : "", v.Count),
        _ => t.Format("Reminder.Body." + v.Rule, v.Address, PeriodLabel(t, v.Period)),
    };

    private static string Left(Texts t, int workingDays) => workingDays switch
    {
        0 => t["Reminder.Left.Today"],
        < 0 => t["Reminder.Left.Overdue"],
        _ => t.Format("Reminder.Left.Days", workingDays),
    };

    private static ExecuteAction? PrimaryAction(Texts t, ReminderRuleKind rule, PerformancePeriod? period) => rule switch
    {
        ReminderRuleKind.DailyProgress or ReminderRuleKind.MonthlyRealisation =>
            new ExecuteAction { Verb = Verbs.ProgressForm, Title = t["Reminder.Action.Report"], Style = CardStyles.Positive, Data = [] },
        ReminderRuleKind.QuarterlyEvaluation or ReminderRuleKind.AnnualAppraisal when period is { } p =>
            new ExecuteAction { Verb = Verbs.AppraisalList, Title = t["Reminder.Action.Appraisal"], Style = CardStyles.Positive, Data = new JsonObject { ["period"] = p.Code } },
        ReminderRuleKind.QuarterlyEvaluation or ReminderRuleKind.AnnualAppraisal or ReminderRuleKind.SkpPlanning =>
            new ExecuteAction { Verb = Verbs.Status, Title = t["Reminder.Action.Status"], Style = CardStyles.Positive, Data = [] },
        _ => null,
    };
}
