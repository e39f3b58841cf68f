using System.Globalization;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Features.Reminders;

/// <summary>
/// Section <c>Reminders</c>: the deadline calendar and how reminders are sent. Every time of day is the
/// recipient's local time (<see cref="Data.Model.Employee.TimeZone"/>); offsets count working days.
/// </summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>Runs the planner in the background. Off, nothing is planned unless called directly (tests).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the planner looks at what is due; one instance plans each tick.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a planning run may hold the tick before another instance may take over.</summary>
    public TimeSpan PlannerLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>No reminder is queued from this local time ...</summary>
    public TimeOnly QuietHoursStart { get; set; } = new(19, 0);

    /// <summary>... until this one. A reminder not sent before quiet hours is dropped for that day, never sent at night.</summary>
    public TimeOnly QuietHoursEnd { get; set; } = new(7, 0);

    /// <summary>Holiday file (SKB 3 Menteri); empty = the file shipped with the app.</summary>
    public string? HolidayFile { get; set; }

    /// <summary>End-of-day nudge on working days for employees who logged nothing that day.</summary>
    public ReminderRule DailyProgress { get; set; } = new() { SendTime = new(15, 30), Offsets = "H", Escalate = "", Mandatory = false };

    /// <summary>Realisasi of a month, due on <see cref="ReminderRule.DueDay"/> of the next month.</summary>
    public ReminderRule MonthlyRealisation { get; set; } = new() { DueDay = 5, Offsets = "H-3,H-1,H", Escalate = "H+1" };

    /// <summary>Periodic evaluation of triwulan I–III by the rater (triwulan IV is the annual appraisal).</summary>
    public ReminderRule QuarterlyEvaluation { get; set; } = new() { DueDay = 10, Offsets = "H-5,H-1,H", Escalate = "H+1" };

    /// <summary>SKP for the year submitted by the end of January (PermenPANRB 6/2022; DOMAIN.md §4).</summary>
    public ReminderRule SkpPlanning { get; set; } = new() { DueDay = 0, Offsets = "H-10,H-5,H-1,H", Escalate = "H+1" };

    /// <summary>Annual appraisal by the rater, early January (before 10 January, DOMAIN.md §4).</summary>
    public ReminderRule AnnualAppraisal { get; set; } = new() { DueDay = 10, Offsets = "H-5,H-1,H", Escalate = "H+1" };

    /// <summary>A feedback request's own due date, to its recipient.</summary>
    public ReminderRule FeedbackDue { get; set; } = new() { Offsets = "H-1,H", Escalate = "", Mandatory = false };

    /// <summary>Pending approvals, to raters: a daily digest for those who chose it, otherwise a nudge when items wait.</summary>
    public ApprovalsRule PendingApprovals { get; set; } = new();

    /// <summary>When raters get the one digest of their team's overdue items and unreachable members.</summary>
    public TimeOnly EscalationSendTime { get; set; } = new(9, 30);

    /// <summary>Reaching employees who never opened the bot, through Microsoft Graph.</summary>
    public GraphInstallOptions Graph { get; set; } = new();
}

/// <summary>One deadline rule.</summary>
public sealed class ReminderRule
{
    public bool Enabled { get; set; } = true;

    /// <summary>Local time the reminder is sent; must lie outside quiet hours.</summary>
    public TimeOnly SendTime { get; set; } = new(9, 0);

    /// <summary>
    /// For period deadlines, the day of the month after the period the deadline falls on (0 = the last
    /// working day of that month). A deadline on a day off moves back to the working day before it.
    /// </summary>
    public int DueDay { get; set; }

    /// <summary>When to remind, in working days before the deadline: "H-3,H-1,H" (H = the day itself).</summary>
    public string Offsets { get; set; } = "H-1,H";

    /// <summary>When to tell the rater that it is overdue, in working days after it: "H+1" (empty = never).</summary>
    public string Escalate { get; set; } = "";

    /// <summary>Mandatory reminders are sent even to employees who turned optional nudges off.</summary>
    public bool Mandatory { get; set; } = true;

    internal IReadOnlyList<int> BeforeDays => ReminderOffsets.Parse(Offsets, before: true);

    internal IReadOnlyList<int> AfterDays => ReminderOffsets.Parse(Escalate, before: false);
}

public sealed class ApprovalsRule
{
    public bool Enabled { get; set; } = true;
    public TimeOnly SendTime { get; set; } = new(9, 0);

    /// <summary>Raters without the digest are nudged once a submission has waited this many working days.</summary>
    public int NudgeAfterWorkingDays { get; set; } = 2;

    /// <summary>The nudge (not the chosen digest) is optional: raters who turned nudges off do not get it.</summary>
    public bool Mandatory { get; set; }
}

/// <summary>Section <c>Reminders:Graph</c>.</summary>
public sealed class GraphInstallOptions
{
    /// <summary>Microsoft Graph root; a local stand-in in tests.</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>Token scope for app-only Graph calls.</summary>
    public string Scope { get; set; } = "https://graph.microsoft.com/.default";

    /// <summary>The app's id in the tenant app catalog (not the manifest id). Empty = never install through Graph.</summary>
    public string? TeamsAppId { get; set; }

    /// <summary>Bot Connector service URL for chats created this way; empty = the one most recently seen in the tenant.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Tenant of the chats created this way; empty = the tenant of the known conversations.</summary>
    public string? TenantId { get; set; }

    /// <summary>Installs attempted per planner tick, so one tick never hammers Graph.</summary>
    public int MaxInstallsPerTick { get; set; } = 20;

    /// <summary>After Graph refused (403/404), the next attempt waits this long.</summary>
    public TimeSpan RetryUnreachableAfter { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>"H-3,H-1,H" and "H+1,H+3" as working-day counts.</summary>
internal static class ReminderOffsets
{
    /// <exception cref="FormatException">Not a list of H, H-n or H+n of the right sign.</exception>
    public static IReadOnlyList<int> Parse(string? text, bool before)
    {
        var result = new SortedSet<int>();
        foreach (var raw in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var item = raw.ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
            if (item == "H")
            {
                if (!before)
                {
                    throw new FormatException($"'{raw}': escalation days come after the deadline (H+1, H+2, …).");
                }

                result.Add(0);
                continue;
            }

            var sign = before ? '-' : '+';
            if (item.Length < 3 || item[0] != 'H' || item[1] != sign
                || !int.TryParse(item.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > 60)
            {
                throw new FormatException($"'{raw}' is not {(before ? "H or H-n" : "H+n")} with n from 1 to 60.");
            }

            result.Add(days);
        }

        return [.. result];
    }
}

/// <summary>Rejects a calendar that could never work, at start-up rather than on the first tick.</summary>
internal sealed class ReminderOptionsValidator : IValidateOptions<ReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, ReminderOptions o)
    {
        var errors = new List<string>();
        if (o.TickInterval < TimeSpan.FromSeconds(10) || o.TickInterval > TimeSpan.FromHours(1))
        {
            errors.Add("Reminders:TickInterval must be between 10 seconds and 1 hour.");
        }

        if (o.PlannerLease < o.TickInterval)
        {
            errors.Add("Reminders:PlannerLease must be at least Reminders:TickInterval.");
        }

        if (o.QuietHoursStart == o.QuietHoursEnd)
        {
            errors.Add("Reminders:QuietHoursStart and QuietHoursEnd must differ.");
        }

        foreach (var (ruleName, rule) in Rules(o))
        {
            try
            {
                _ = rule.BeforeDays;
                _ = rule.AfterDays;
            }
            catch (FormatException ex)
            {
                errors.Add($"Reminders:{ruleName}: {ex.Message}");
            }

            if (rule.DueDay is < 0 or > 28)
            {
                errors.Add($"Reminders:{ruleName}:DueDay must be 0 (last working day) to 28.");
            }

            if (IsQuiet(o, rule.SendTime))
            {
                errors.Add($"Reminders:{ruleName}:SendTime {rule.SendTime:HH\\:mm} lies in the quiet hours.");
            }
        }

        if (IsQuiet(o, o.PendingApprovals.SendTime))
        {
            errors.Add("Reminders:PendingApprovals:SendTime lies in the quiet hours.");
        }

        if (o.PendingApprovals.NudgeAfterWorkingDays is < 0 or > 60)
        {
            errors.Add("Reminders:PendingApprovals:NudgeAfterWorkingDays must be 0 to 60.");
        }

        if (IsQuiet(o, o.EscalationSendTime))
        {
            errors.Add("Reminders:EscalationSendTime lies in the quiet hours.");
        }

        if (!Uri.TryCreate(o.Graph.BaseUrl, UriKind.Absolute, out var graph)
            || !(graph.Scheme == Uri.UriSchemeHttps || (graph.Scheme == Uri.UriSchemeHttp && graph.IsLoopback)))
        {
            // A token must never travel in clear text; plain http only to a local stand-in.
            errors.Add("Reminders:Graph:BaseUrl must be an https URL (http only on loopback).");
        }

        if (o.Graph.MaxInstallsPerTick is < 0 or > 1000)
        {
            errors.Add("Reminders:Graph:MaxInstallsPerTick must be 0 to 1000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static IEnumerable<(string Name, ReminderRule Rule)> Rules(ReminderOptions o) =>
    [
        (nameof(o.DailyProgress), o.DailyProgress),
        (nameof(o.MonthlyRealisation), o.MonthlyRealisation),
        (nameof(o.QuarterlyEvaluation), o.QuarterlyEvaluation),
        (nameof(o.SkpPlanning), o.SkpPlanning),
        (nameof(o.AnnualAppraisal), o.AnnualAppraisal),
        (nameof(o.FeedbackDue), o.FeedbackDue),
    ];

    internal static bool IsQuiet(ReminderOptions o, TimeOnly t) =>
        o.QuietHoursStart < o.QuietHoursEnd
            ? t >= o.QuietHoursStart && t < o.QuietHoursEnd
            : t >= o.QuietHoursStart || t < o.QuietHoursEnd;
}
