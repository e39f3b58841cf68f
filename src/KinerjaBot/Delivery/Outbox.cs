using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Protocol.Activities;

namespace KinerjaBot.Delivery;

/// <summary>
/// Queues outbound activities in the caller's unit of work. Nothing is sent until the caller saves;
/// <see cref="OutboxDispatcher"/> delivers after that.
/// </summary>
public sealed class Outbox(KinerjaDbContext db, TimeProvider time, OutboxSignal signal)
{
    /// <summary>Queues a new message to <paramref name="to"/>. A repeated <paramref name="key"/> makes the save fail, by design.</summary>
    public OutboxMessage Send(ConversationRef to, Activity activity, string purpose, string key, DateTimeOffset? notBefore = null)
    {
        var now = time.GetUtcNow();
        activity.Conversation ??= new ConversationAccount { Id = to.ConversationId, TenantId = to.TenantId };
        var row = new OutboxMessage
        {
            Key = key,
            Kind = OutboxKind.Send,
            Status = OutboxStatus.Pending,
            Purpose = purpose,
            RecipientEmployeeId = to.EmployeeId,
            RecipientUserId = to.UserId,
            ServiceUrl = to.ServiceUrl,
            ConversationId = to.ConversationId,
            ActivityJson = ProtocolJson.Serialize(activity),
            CreatedAt = now,
            NotBefore = notBefore ?? now,
        };
        db.Outbox.Add(row);
        signal.Notify();
        return row;
    }

    /// <summary>Queues a replacement of the activity that <paramref name="target"/> sent (or will send).</summary>
    public OutboxMessage Update(OutboxMessage target, Activity activity, string purpose)
    {
        var now = time.GetUtcNow();
        activity.Conversation ??= new ConversationAccount { Id = target.ConversationId };
        var row = new OutboxMessage
        {
            Key = $"update:{target.Id}:{Guid.NewGuid():N}",
            Kind = OutboxKind.Update,
            Status = OutboxStatus.Pending,
            Purpose = purpose,
            RecipientEmployeeId = target.RecipientEmployeeId,
            RecipientUserId = target.RecipientUserId,
            ServiceUrl = target.ServiceUrl,
            ConversationId = target.ConversationId,
            ActivityJson = ProtocolJson.Serialize(activity),
            TargetOutboxId = target.Id,
            TargetActivityId = target.SentActivityId,
            CreatedAt = now,
            NotBefore = now,
        };
        db.Outbox.Add(row);
        signal.Notify();
        return row;
    }
}

/// <summary>Wakes the dispatcher as soon as something was queued, so replies do not wait for the next poll.</summary>
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
