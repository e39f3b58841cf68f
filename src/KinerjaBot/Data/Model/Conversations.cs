namespace KinerjaBot.Data.Model;

/// <summary>
/// Where a Teams user can be messaged later. Refreshed on every inbound activity because the
/// service URL can change; reminders depend on it.
/// </summary>
public sealed class ConversationRef
{
    public int Id { get; set; }

    /// <summary>The Teams user id (29:…), unique per bot.</summary>
    public required string UserId { get; set; }
    public string? AadObjectId { get; set; }
    public int? EmployeeId { get; set; }
    public required string ServiceUrl { get; set; }
    public required string ConversationId { get; set; }
    public required string ChannelId { get; set; }
    public string? TenantId { get; set; }
    public string? BotId { get; set; }
    public string? UserName { get; set; }
    public string? Locale { get; set; }
    public string? TimeZone { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>False after Teams said the user blocked or removed the bot; set back on their next message.</summary>
    public bool IsReachable { get; set; } = true;
    public string? UnreachableReason { get; set; }

    /// <summary>When delivery first failed for good (blocked, removed, chat gone); the rater's digest reports it once.</summary>
    public DateTimeOffset? UnreachableSince { get; set; }
}

/// <summary>
/// A multi-turn chat flow in progress (e.g. logging progress step by step). Stored, not in memory,
/// so it survives restarts and works across instances.
/// </summary>
public sealed class ConversationFlow : IVersioned
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Kind { get; set; }
    public required string StateJson { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Version { get; set; }
}
