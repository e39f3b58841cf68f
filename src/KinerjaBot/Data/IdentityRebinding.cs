using KinerjaBot.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace KinerjaBot.Data;

/// <summary>
/// Keeps one rule true whoever changes an employee's Entra id (the CSV import, the directory sync, an admin):
/// a stored Teams conversation belongs to an employee only while its account's Entra id is that employee's
/// current one. Applied in the same transaction as the change, so the old account loses access and stops
/// receiving that person's messages at once, and an account the new id names (if it ever wrote) gets them.
/// </summary>
internal static class IdentityRebinding
{
    /// <summary>Employees added, or whose Entra id or active flag is about to change.</summary>
    public static List<(EntityEntry<Employee> Entry, bool Added)> Capture(KinerjaDbContext db)
    {
        List<(EntityEntry<Employee>, bool)>? changed = null;
        foreach (var entry in db.ChangeTracker.Entries<Employee>())
        {
            var relevant = entry.State == EntityState.Added
                ? entry.Entity.AadObjectId is not null
                : entry.State == EntityState.Modified
                  && (entry.Property(e => e.AadObjectId).IsModified || entry.Property(e => e.IsActive).IsModified);
            if (relevant)
            {
                (changed ??= []).Add((entry, entry.State == EntityState.Added));
            }
        }

        return changed ?? [];
    }

    /// <summary>Relinks conversations after the employees were saved (their ids are known by then).</summary>
    public static async Task ApplyAsync(KinerjaDbContext db, List<(EntityEntry<Employee> Entry, bool Added)> changed, CancellationToken ct)
    {
        foreach (var (entry, added) in changed)
        {
            var id = entry.Entity.Id;
            var aad = entry.Entity.IsActive ? entry.Entity.AadObjectId : null;
            // A new employee has no conversation linked to it yet: only the linking step applies.
            if (!added)
            {
                await db.ConversationRefs
                    .Where(c => c.EmployeeId == id && (aad == null || c.AadObjectId == null || c.AadObjectId != aad))
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.EmployeeId, (int?)null), ct).ConfigureAwait(false);
            }

            if (aad is not null)
            {
                await db.ConversationRefs
                    .Where(c => c.AadObjectId == aad)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.EmployeeId, id), ct).ConfigureAwait(false);
            }
        }
    }
}
