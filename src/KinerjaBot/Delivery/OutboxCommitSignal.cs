using System.Data.Common;
using System.Runtime.CompilerServices;
using KinerjaBot.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KinerjaBot.Delivery;

/// <summary>
/// Hands queued rows to the dispatcher when they become visible: after the save that inserted them or, inside
/// a transaction, after its commit (a dispatcher told earlier would find nothing and sleep until its next
/// poll). Rows leased to this instance (<see cref="ILocalDelivery"/>) are given to it directly; for any
/// others it is woken to claim them.
/// </summary>
public sealed class OutboxCommitSignal(OutboxSignal signal, ILocalDelivery? local = null) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    // Contexts with outbox rows being saved, or saved inside a transaction not yet committed.
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    /// <param name="InTransaction">
    /// Saved inside the caller's transaction, so visible at its commit. Otherwise visible once the save
    /// completes: the commit of the save's own transaction comes before the rows have their ids.
    /// </param>
    private sealed record Pending(List<OutboxMessage> Rows, bool InTransaction);

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Unsaved(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Unsaved(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Unsaved(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Unsaved(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        ForgetAbandoned(eventData.Context);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        ForgetAbandoned(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // A transaction disposed without commit or rollback raises neither event; its rows were never stored,
    // and a pooled context must not carry them into the next transaction.
    private void ForgetAbandoned(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending) && pending.InTransaction)
        {
            _pending.Remove(context);
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    // A failed save inserted nothing that counts: its rows (still Added) must never be handed over, or a
    // retried turn would send the failed attempt's replies as well as its own.
    private void Unsaved(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var rows))
        {
            rows.Rows.RemoveAll(r => context.Entry(r).State == EntityState.Added);
            if (rows.Rows.Count == 0)
            {
                _pending.Remove(context);
            }
        }
    }

    private void Mark(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Rows are Added by Outbox explicitly, so no change detection is needed to find them (SaveChanges does its own).
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var added = tracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
            if (added.Count == 0)
            {
                return;
            }

            var inTransaction = context.Database.CurrentTransaction is not null;
            if (inTransaction && _pending.TryGetValue(context, out var earlier) && earlier.InTransaction)
            {
                // Earlier saves' rows wait for the same commit.
                earlier.Rows.AddRange(added);
            }
            else
            {
                _pending.AddOrUpdate(context, new Pending(added, inTransaction));
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending) && !pending.InTransaction)
        {
            Visible(context, pending.Rows);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending) && pending.InTransaction)
        {
            Visible(context, pending.Rows);
        }
    }

    private void Visible(DbContext context, List<OutboxMessage> rows)
    {
        _pending.Remove(context);
        // Only rows with their database ids: anything else is left to a claim.
        var leased = local is null ? [] : rows.Where(r => r.Id > 0 && local.Leases(r)).ToList();
        if (leased.Count > 0)
        {
            local!.Committed(leased);
        }

        if (leased.Count < rows.Count)
        {
            signal.Notify();
        }
    }
}
