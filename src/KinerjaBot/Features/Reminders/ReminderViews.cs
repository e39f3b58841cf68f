using KinerjaBot.Domain;

namespace KinerjaBot.Features.Reminders;

/// <summary>What a reminder card says: whose deadline, which occurrence, how close it is.</summary>
/// <param name="WorkingDaysLeft">0 on the day, 3 at H-3.</param>
/// <param name="Counterpart">For a feedback request, who asked; otherwise null.</param>
/// <param name="Count">For a rater's evaluation, how many team members still wait for it.</param>
/// <param name="IsRepeat">Sent because the recipient asked to be reminded again ("ingatkan besok").</param>
public sealed record ReminderView(
    ReminderRuleKind Rule, string Occurrence, DateOnly Due, int WorkingDaysLeft, string Address,
    PerformancePeriod? Period, string? Counterpart, int Count, bool Mandatory, bool IsRepeat);

/// <summary>One submission waiting for a rater.</summary>
public sealed record PendingItem(string EmployeeName, string What, DateOnly Date);

/// <param name="IsDigest">The rater chose a daily digest (rather than a nudge about old submissions).</param>
/// <param name="NudgeAfterWorkingDays">The configured wait after which raters without the digest are nudged.</param>
public sealed record ApprovalsView(string Address, int Total, IReadOnlyList<PendingItem> Items, bool IsDigest, int NudgeAfterWorkingDays);

/// <summary>An overdue item of a team member, for their rater's digest.</summary>
public sealed record OverdueItem(ReminderRuleKind Rule, PerformancePeriod? Period, string? Counterpart, int Count, DateOnly Due);

/// <summary>Why the bot cannot reach someone.</summary>
public enum UnreachableReason
{
    /// <summary>Teams said the user blocked or removed the bot.</summary>
    Blocked,

    /// <summary>The user never opened the bot and it could not be installed for them.</summary>
    NotInstalled,
}

/// <summary>A team member in a rater's digest: what is overdue, and whether the bot can reach them at all.</summary>
/// <param name="UnreachableSince">Set when a delivery to them failed for good since the previous digest (local date).</param>
public sealed record TeamMemberAlert(string EmployeeName, IReadOnlyList<OverdueItem> Overdue, UnreachableReason? Unreachable, DateOnly? UnreachableSince = null);

/// <summary>A user's reminder settings as the settings card shows them.</summary>
public sealed record ReminderSettingsView(bool OptionalNudgesOff, bool IsRater, bool ApprovalsAsDigest, string DigestTime);
