using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Protocol.Activities;

namespace KinerjaBot.Delivery;

/// <summary>
/// Queues outbound activities in the caller's unit of work. Nothing is sent until the caller saves;
/// <see cref="OutboxDispatcher"/> delivers after that, taking the rows straight over when they were leased
/// to it here (<see cref="ILocalDelivery"/>), or claiming them from the table.
/// </summary>
public sealed class Outbox(KinerjaDbContext db, TimeProvider time, ILocalDelivery? local = null)
{
    // Decided once per unit of work, so a turn's rows go one way and keep their order.
    private bool? _leaseLocally;

    /// <summary>Queues a new message to <paramref name="to"/>. A repeated <paramref name="key"/> makes the save fail, by design.</summary>
    public OutboxMessage Send(ConversationRef to, Activity activity, string purpose, string key, DateTimeOffset? notBefore = null)
    {
        activity.Conversation ??= new ConversationAccount { Id = to.ConversationId, TenantId = to.TenantId };
        return Queue(OutboxKind.Send, key, purpose, to.EmployeeId, to.UserId, to.ServiceUrl, to.ConversationId, activity, notBefore);
    }

    /// <summary>Queues a replacement of the activity that <paramref name="target"/> sent (or will send).</summary>
    public OutboxMessage Update(OutboxMessage target, Activity activity, string purpose)
    {
        activity.Conversation ??= new ConversationAccount { Id = target.ConversationId };
        var row = Queue(OutboxKind.Update, $"update:{target.Id}:{Guid.NewGuid():N}", purpose, target.RecipientEmployeeId,
            target.RecipientUserId, target.ServiceUrl, target.ConversationId, activity, notBefore: null);
        row.TargetOutboxId = target.Id;
        row.TargetActivityId = target.SentActivityId;
        return row;
    }

    private OutboxMessage Queue(
        OutboxKind kind, string key, string purpose, int? employeeId, string userId, string serviceUrl, string conversationId,
        Activity activity, DateTimeOffset? notBefore)
    {
        var now = time.GetUtcNow();
        var row = new OutboxMessage
        {
            Key = key,
            Kind = kind,
            Status = OutboxStatus.Pending,
            Purpose = purpose,
            RecipientEmployeeId = employeeId,
            RecipientUserId = userId,
            ServiceUrl = serviceUrl,
            ConversationId = conversationId,
            ActivityJson = ProtocolJson.Serialize(activity),
            CreatedAt = now,
            NotBefore = notBefore ?? now,
        };
        if (local is not null && notBefore is null && (_leaseLocally ??= local.HasRoom()))
        {
            local.Lease(row);
        }

        // The dispatcher gets the row once it is saved or committed (OutboxCommitSignal), not now: it would find nothing.
        db.Outbox.Add(row);
        return row;
    }
}

/// <summary>Wakes the dispatcher when queued rows became visible (see <see cref="OutboxCommitSignal"/>), so replies do not wait for the next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one wake-up is enough.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}
