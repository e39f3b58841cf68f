using System.ComponentModel.DataAnnotations;

namespace KinerjaBot.Features.OrgDirectory;

/// <summary>
/// Section <c>Directory:Sync</c>: keeping supervisors current from Microsoft Graph. The Graph root and token
/// scope are those of <c>Reminders:Graph</c>, so there is one Graph configuration.
/// </summary>
public sealed class DirectorySyncOptions
{
    public const string SectionName = "Directory:Sync";

    /// <summary>Runs the sync on a timer. Off by default: it needs Graph credentials with <c>User.Read.All</c>.</summary>
    public bool Enabled { get; set; }

    /// <summary>How often the scheduled sync runs; one instance runs each slot.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a run may hold its slot before another instance may take over.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts per Graph call when throttled (429) or briefly unavailable (503).</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The longest wait honoured from a Retry-After header; a longer one is cut to this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(1);
}
