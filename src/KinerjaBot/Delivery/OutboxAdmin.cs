using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Delivery;

/// <summary>What an operator needs to see of the outbox: how much waits, how old it is, and what failed for good.</summary>
public static class OutboxAdmin
{
    public static RouteGroupBuilder MapOutboxAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/outbox", async (KinerjaDbContext db, TimeProvider time, CancellationToken ct) =>
        {
            var counts = await db.Outbox.GroupBy(o => o.Status)
                .Select(g => new { Status = g.Key, Count = g.Count() })
                .ToListAsync(ct);
            var pending = db.Outbox.Where(o => o.Status == OutboxStatus.Pending);
            var now = time.GetUtcNow();
            var due = await pending.Where(o => o.NotBefore <= now).CountAsync(ct);
            var oldest = await pending.OrderBy(o => o.Id).Select(o => (DateTimeOffset?)o.CreatedAt).FirstOrDefaultAsync(ct);
            var deadLetters = await db.Outbox.Where(o => o.Status == OutboxStatus.DeadLetter)
                .OrderByDescending(o => o.Id).Take(100)
                .Select(o => new DeadLetterView(o.Id, o.Key, o.Purpose, o.RecipientEmployeeId, o.RecipientUserId, o.Attempts, o.LastError, o.CreatedAt))
                .ToListAsync(ct);
            return Results.Ok(new OutboxView(
                counts.ToDictionary(c => c.Status.ToString(), c => c.Count),
                due,
                oldest,
                deadLetters));
        });
        return admin;
    }

    /// <param name="ByStatus">Row counts per status (Pending, Sent, DeadLetter, Cancelled).</param>
    /// <param name="PendingDue">Pending rows whose send time has come: the real backlog.</param>
    /// <param name="OldestPendingCreatedAt">How long the oldest waiting row has waited.</param>
    /// <param name="DeadLetters">The 100 most recent dead letters with their reason.</param>
    public sealed record OutboxView(
        IReadOnlyDictionary<string, int> ByStatus,
        int PendingDue,
        DateTimeOffset? OldestPendingCreatedAt,
        IReadOnlyList<DeadLetterView> DeadLetters);

    public sealed record DeadLetterView(
        long Id, string Key, string Purpose, int? RecipientEmployeeId, string RecipientUserId, int Attempts, string? LastError, DateTimeOffset CreatedAt);
}
