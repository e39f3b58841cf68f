namespace KinerjaBot.Data.Model;

/// <summary>
/// "Ingatkan besok": the employee asked to be reminded of one occurrence of a reminder again on
/// <see cref="Until"/> (their local date). The planner re-nudges then, unless the thing is done by then.
/// </summary>
public sealed class ReminderSnooze
{
    public int Id { get; set; }
    public int EmployeeId { get; set; }

    /// <summary>The rule, e.g. "MonthlyRealisation".</summary>
    public required string Rule { get; set; }

    /// <summary>Which occurrence of the rule, e.g. "2026-11" or a feedback request id.</summary>
    public required string Occurrence { get; set; }
    public DateOnly Until { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A named periodic job shared by every instance: the instance whose conditional update claims the
/// current slot runs it, the others skip that slot.
/// </summary>
public sealed class SchedulerLease
{
    public required string Name { get; set; }
    public string? Owner { get; set; }

    /// <summary>While set and in the future, a run is in progress; a crashed run frees it when it passes.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Start of the last slot claimed; a slot is run at most once.</summary>
    public DateTimeOffset? LastSlot { get; set; }
}

public enum AppInstallationStatus
{
    /// <summary>Installed through Graph; the chat is known and a conversation reference was stored.</summary>
    Installed,

    /// <summary>Graph refused (403/404): the user cannot be reached until an administrator acts.</summary>
    Unreachable,
}

/// <summary>The outcome of installing the app for an employee who never opened the bot (Microsoft Graph).</summary>
public sealed class AppInstallation
{
    public int Id { get; set; }
    public int EmployeeId { get; set; }
    public AppInstallationStatus Status { get; set; }
    public string? Detail { get; set; }
    public string? ChatId { get; set; }
    public DateTimeOffset AttemptedAt { get; set; }
}

/// <summary>
/// A holiday file (the SKB 3 Menteri list) an administrator loaded: kept as sent so that every instance
/// rebuilds the same calendar from it. For each year it lists, the latest file replaces the shipped list.
/// </summary>
public sealed class HolidayFileRow
{
    public int Id { get; set; }

    /// <summary>The years the file lists, ascending, comma-separated ("2027" or "2027,2028").</summary>
    public required string Years { get; set; }

    /// <summary>The file's own "source" (the decree), when it names one.</summary>
    public string? Source { get; set; }

    /// <summary>The file as loaded (holiday-file JSON, validated before it was stored).</summary>
    public required string Content { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
}
