using System.Threading.Channels;
using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace KinerjaBot.Delivery;

/// <summary>
/// Writes the dispatcher's outcomes (sent, retry later, dead letter) in groups: whatever was decided while
/// the previous group was being written goes into the next transaction. Under load that is one commit (one
/// fsync on SQLite) for dozens of outcomes instead of one each; when idle a group is a single outcome, so
/// nothing waits for a timer. Each outcome is still its own conditional UPDATE that holds only while the
/// row's lease is the dispatcher's.
/// </summary>
internal sealed class OutcomeRecorder(IServiceScopeFactory scopes)
{
    private const int MaxGroup = 256;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();

    /// <summary>An outcome: <see cref="Sent"/> for the usual one, otherwise <see cref="Setters"/>.</summary>
    private sealed record Pending(long Id, string Owner, Action<UpdateSettersBuilder<OutboxMessage>>? Setters, SentOutcome? Sent, TaskCompletionSource<bool> Done);

    private sealed record SentOutcome(string? ActivityId, DateTimeOffset At);

    /// <summary>Queues an outcome; completes with false when the lease was no longer the owner's (another instance took the row).</summary>
    public Task<bool> RecordAsync(long id, string owner, Action<UpdateSettersBuilder<OutboxMessage>> setters) => Queue(new Pending(id, owner, setters, null, NewDone()));

    /// <summary>
    /// Queues the usual outcome, a send the connector accepted. It is written as plain SQL rather than
    /// through EF's query pipeline: it is most of what is written, and on SQLite it is written while the
    /// group holds the one write lock.
    /// </summary>
    public Task<bool> RecordSentAsync(long id, string owner, string? activityId, DateTimeOffset at) => Queue(new Pending(id, owner, null, new SentOutcome(activityId, at), NewDone()));

    private static TaskCompletionSource<bool> NewDone() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task<bool> Queue(Pending pending)
    {
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Done.SetException(new InvalidOperationException("The outcome recorder has stopped."));
        }

        return pending.Done.Task;
    }

    /// <summary>No more outcomes will come; <see cref="RunAsync"/> ends once the queued ones are written.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>
    /// The writing loops: one on SQLite (one writer at a time anyway), several on PostgreSQL, where groups of
    /// different rows commit side by side and each statement is a round trip. They ignore cancellation on
    /// purpose: an outcome of a message already sent must be written even while the app stops, or the
    /// message would be sent again after the lease.
    /// </summary>
    public Task RunAsync(int writers) => Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)));

    private async Task WriteLoopAsync()
    {
        var group = new List<Pending>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
            }

            try
            {
                var results = await WriteAsync(group);
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var pending in group)
                {
                    pending.Done.TrySetException(ex);
                }
            }

            group.Clear();
        }
    }

    private async Task<bool[]> WriteAsync(List<Pending> group)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        var results = new bool[group.Count];
        await using var transaction = group.Count > 1 ? await db.Database.BeginTransactionAsync() : null;
        for (var i = 0; i < group.Count; i++)
        {
            var (id, owner) = (group[i].Id, group[i].Owner);
            results[i] = group[i].Sent is { } sent
                ? await WriteSentAsync(db, id, owner, sent) > 0
                : await db.Outbox.Where(o => o.Id == id && o.LeaseOwner == owner).ExecuteUpdateAsync(group[i].Setters!) > 0;
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }

        return results;
    }

    private static Task<int> WriteSentAsync(KinerjaDbContext db, long id, string owner, SentOutcome sent)
    {
        // Timestamps are stored as the model stores them: UTC ticks on SQLite, timestamptz on PostgreSQL.
        object at = db.IsSqlite ? sent.At.UtcTicks : sent.At.ToUniversalTime();
        return db.Database.ExecuteSqlAsync($"""
            UPDATE outbox SET "Status" = 'Sent', "SentActivityId" = {sent.ActivityId}, "SentAt" = {at},
                "Attempts" = "Attempts" + 1, "LeaseUntil" = NULL
            WHERE "Id" = {id} AND "LeaseOwner" = {owner}
            """);
    }
}
