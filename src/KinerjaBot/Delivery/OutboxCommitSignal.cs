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
    private readonly ConditionalWeakTable<DbContext, List<OutboxMessage>> _pending = [];

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
            rows.RemoveAll(r => context.Entry(r).State == EntityState.Added);
            if (rows.Count == 0)
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
            if (added.Count > 0)
            {
                // Inside a transaction, earlier saves' rows wait for the same commit.
                if (_pending.TryGetValue(context, out var earlier))
                {
                    earlier.AddRange(added);
                }
                else
                {
                    _pending.AddOrUpdate(context, added);
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Visible(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null)
        {
            Visible(context);
        }
    }

    private void Visible(DbContext context)
    {
        if (!_pending.TryGetValue(context, out var rows))
        {
            return;
        }

        _pending.Remove(context);
        var leased = local is null ? [] : rows.Where(local.Leases).ToList();
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
