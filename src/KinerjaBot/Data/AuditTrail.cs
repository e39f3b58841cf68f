using System.Text.Json;
using KinerjaBot.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace KinerjaBot.Data;

/// <summary>
/// Records every state change a person makes to the audited entities, with the values before and
/// after, when the context saves. The actor is set once per turn by whoever handles it.
/// </summary>
public sealed class AuditTrail(TimeProvider time)
{
    private static readonly HashSet<Type> Audited =
    [
        typeof(Skp), typeof(ProgressEntry), typeof(FeedbackRequest), typeof(FeedbackNote),
        typeof(Appraisal), typeof(AppraisalNote), typeof(Employee), typeof(ActingAssignmentRow),
        typeof(DirectoryConflict), typeof(OrganisationResultRow),
    ];

    public int? ActorEmployeeId { get; private set; }
    public string? ActorUserId { get; private set; }

    /// <summary>Names the actor; <paramref name="userId"/> may be "system" or "import:…" for non-chat changes.</summary>
    public void SetActor(int? employeeId, string? userId)
    {
        ActorEmployeeId = employeeId;
        ActorUserId = userId;
    }

    /// <summary>
    /// Adds audit rows for the pending changes, except those about added entities: their id is known only after
    /// saving, so those rows are returned for <see cref="AddWithIds"/> (inserted complete, never patched afterwards).
    /// </summary>
    internal List<(AuditEntry Audit, EntityEntry Entity)> Capture(KinerjaDbContext db)
    {
        var awaitingIds = new List<(AuditEntry, EntityEntry)>();
        var now = time.GetUtcNow();
        var entries = db.ChangeTracker.Entries()
            .Where(e => Audited.Contains(e.Entity.GetType())
                        && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        foreach (var entry in entries)
        {
            var (before, after) = Describe(entry);
            if (entry.State == EntityState.Modified && before is null)
            {
                continue;
            }

            var audit = new AuditEntry
            {
                At = now,
                ActorEmployeeId = ActorEmployeeId,
                ActorUserId = ActorUserId,
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = entry.State == EntityState.Added ? "" : KeyOf(entry),
                Action = entry.State.ToString(),
                Before = before,
                After = after,
            };
            if (entry.State == EntityState.Added)
            {
                awaitingIds.Add((audit, entry));
            }
            else
            {
                db.AuditEntries.Add(audit);
            }
        }

        return awaitingIds;
    }

    /// <summary>Adds the audit rows of added entities, with the ids the database generated for them.</summary>
    internal static void AddWithIds(KinerjaDbContext db, List<(AuditEntry Audit, EntityEntry Entity)> awaitingIds)
    {
        foreach (var (audit, entity) in awaitingIds)
        {
            audit.EntityId = KeyOf(entity);
            db.AuditEntries.Add(audit);
        }
    }

    internal static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));

    private static (string? Before, string? After) Describe(EntityEntry entry)
    {
        var before = new Dictionary<string, object?>();
        var after = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            switch (entry.State)
            {
                case EntityState.Added:
                    after[name] = property.CurrentValue;
                    break;
                case EntityState.Deleted:
                    before[name] = property.OriginalValue;
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    before[name] = property.OriginalValue;
                    after[name] = property.CurrentValue;
                    break;
            }
        }

        string? Json(Dictionary<string, object?> d) => d.Count == 0 ? null : JsonSerializer.Serialize(d, AuditJson.Options);
        return (Json(before), Json(after));
    }
}
