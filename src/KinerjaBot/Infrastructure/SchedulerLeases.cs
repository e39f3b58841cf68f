using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Infrastructure;

/// <summary>
/// Runs a periodic job once per slot across every instance sharing the database: a conditional
/// UPDATE on one row (plain SQL semantics, so SQLite and PostgreSQL alike) lets exactly one claimant
/// win each slot, and a lease keeps a slow run from overlapping the next one.
/// </summary>
public static class SchedulerLeases
{
    /// <summary>Start of the slot of length <paramref name="interval"/> that contains <paramref name="now"/>.</summary>
    public static DateTimeOffset SlotOf(DateTimeOffset now, TimeSpan interval) =>
        new(now.UtcTicks - now.UtcTicks % interval.Ticks, TimeSpan.Zero);

    /// <summary>
    /// Runs <paramref name="work"/> if this caller wins <paramref name="slot"/> of the job <paramref name="name"/>,
    /// releasing the lease afterwards even when the work fails; returns whether it ran.
    /// </summary>
    public static async Task<bool> RunIfClaimedAsync(KinerjaDbContext db, string name, string owner, DateTimeOffset slot, DateTimeOffset now, TimeSpan lease, Func<Task> work, CancellationToken ct)
    {
        if (!await TryClaimAsync(db, name, owner, slot, now, lease, ct))
        {
            return false;
        }

        try
        {
            await work();
        }
        finally
        {
            await ReleaseAsync(db, name, owner, CancellationToken.None);
        }

        return true;
    }

    /// <summary>True when this caller won <paramref name="slot"/> of the job <paramref name="name"/>; it then holds the lease.</summary>
    public static async Task<bool> TryClaimAsync(KinerjaDbContext db, string name, string owner, DateTimeOffset slot, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        if (!await db.SchedulerLeases.AsNoTracking().AnyAsync(l => l.Name == name, ct))
        {
            db.SchedulerLeases.Add(new SchedulerLease { Name = name });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance created the row first; the claim below decides.
            }

            db.ChangeTracker.Clear();
        }

        var until = now + lease;
        var claimed = await db.SchedulerLeases
            .Where(l => l.Name == name && (l.LastSlot == null || l.LastSlot < slot) && (l.LeaseUntil == null || l.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.LeaseUntil, until).SetProperty(l => l.LastSlot, slot), ct);
        return claimed == 1;
    }

    /// <summary>Ends the run early so the next slot need not wait for the lease to run out.</summary>
    public static Task ReleaseAsync(KinerjaDbContext db, string name, string owner, CancellationToken ct) =>
        db.SchedulerLeases.Where(l => l.Name == name && l.Owner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseUntil, (DateTimeOffset?)null), ct);
}
