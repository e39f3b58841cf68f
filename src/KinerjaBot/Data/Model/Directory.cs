namespace KinerjaBot.Data.Model;

/// <summary>What the directory sync last learned about one employee from Microsoft Graph.</summary>
public sealed class DirectoryLink
{
    public int EmployeeId { get; set; }

    /// <summary>Entra object id of the employee's manager in Graph; null when Graph says they have none.</summary>
    public string? ManagerAadObjectId { get; set; }

    /// <summary>
    /// The rater the sync itself set to fill a gap. While the employee's rater is still this one, Graph owns
    /// it and may change it; any other rater came from the civil-service import and wins.
    /// </summary>
    public int? FilledRaterId { get; set; }
    public DateTimeOffset SyncedAt { get; set; }
}

public enum DirectoryConflictKind
{
    /// <summary>Graph names a different known employee as manager than the imported rater.</summary>
    ManagerDiffers,

    /// <summary>Graph's manager is nobody the bot knows (no employee with that Entra id).</summary>
    ManagerUnknown,

    /// <summary>The employee has an imported rater but Graph records no manager.</summary>
    NoManagerInGraph,
}

/// <summary>
/// A disagreement between Graph and the imported reporting line, one row per employee: open while it lasts
/// (<see cref="ResolvedAt"/> null), reopened when it comes back. The imported rater is never changed for it.
/// </summary>
public sealed class DirectoryConflict
{
    public int Id { get; set; }
    public int EmployeeId { get; set; }
    public DirectoryConflictKind Kind { get; set; }

    /// <summary>The rater at the time (imported, so it stands).</summary>
    public int? RaterId { get; set; }
    public string? GraphManagerAadObjectId { get; set; }

    /// <summary>The employee Graph's manager is, when known.</summary>
    public int? GraphManagerEmployeeId { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
