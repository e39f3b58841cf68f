using System.Collections.Concurrent;
using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Infrastructure;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Connector;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Delivery;

/// <summary>
/// Delivers outbox rows. Claims due rows with a lease (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, a
/// conditional UPDATE on SQLite, so instances sharing a database never claim the same row), renews the
/// lease while it works, sends paced under the global and per-conversation rates, and records each
/// outcome in one conditional UPDATE that holds only while the lease is still ours.
/// </summary>
/// <remarks>
/// A crash after claiming leaves the row to be re-claimed when the lease runs out. The one window for a
/// second delivery is a crash after the connector accepted a message and before its outcome was saved;
/// each send therefore carries the outbox key as its activity id (<see cref="ActivityIdOf"/>), so a
/// connector that deduplicates by id absorbs the resend. The Bot Connector itself does not; README
/// "Delivery guarantees" states what that means.
/// </remarks>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    DeliveryConnector delivery,
    OutboxSignal signal,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    KinerjaMetrics metrics,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly DeliveryOptions _options = options.Value;
    private readonly IConnectorClient _connector = delivery.Client;
    // A Retry-After pauses the conversation it came from (Teams counts per thread, and rows of other
    // conversations are not to blame); the app as a whole only slows down, so a few 429s do not stop
    // everyone's replies for the length of each Retry-After.
    private readonly Pacer _global = new(options.Value.GlobalPerSecond, time, pauseOnRetryAfter: false);
    private readonly ConcurrentDictionary<string, Pacer> _conversations = new(StringComparer.Ordinal);

    /// <summary>The id a queued activity is sent with: its outbox key, the same on every attempt.</summary>
    public static string ActivityIdOf(OutboxMessage row) => row.Key;

    /// <summary>Sends per second the dispatcher allows itself now (lower than configured after throttling).</summary>
    public double CurrentRate => _global.CurrentRate;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var delivered = await DispatchOnceAsync(stoppingToken);
                if (delivered == 0)
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogDispatchFailed(logger, ex);
                await Task.Delay(_options.PollInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>Claims and delivers one batch; returns how many rows were claimed.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        var claim = await ClaimAsync(ct);
        if (claim.Rows.Count == 0)
        {
            return 0;
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = RenewLeaseAsync(claim.Owner, done.Token);
        try
        {
            // Each conversation's rows go in order (a reply before the card that follows it); conversations in parallel.
            var byConversation = claim.Rows.GroupBy(r => r.ConversationId).ToList();
            await Parallel.ForEachAsync(byConversation, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = ct },
                async (group, token) =>
                {
                    foreach (var row in group.OrderBy(r => r.Id))
                    {
                        if (!await DeliverAsync(row, claim.Owner, token))
                        {
                            // Keep order: what follows a row that must wait waits too.
                            await ReleaseAsync(group.Where(r => r.Id > row.Id).Select(r => r.Id).ToList(), claim.Owner, token);
                            break;
                        }
                    }
                });
        }
        finally
        {
            await done.CancelAsync();
            await heartbeat;
            if (ct.IsCancellationRequested)
            {
                // Shutting down: what was claimed but not sent is free again now, not when the lease ends.
                await ReleaseUnsentAsync(claim.Owner);
            }
        }

        ForgetIdleConversations();
        return claim.Rows.Count;
    }

    private sealed record Claim(string Owner, List<OutboxMessage> Rows);

    private async Task<Claim> ClaimAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        var now = time.GetUtcNow();
        var owner = Guid.NewGuid().ToString("N");
        var until = now + _options.Lease;
        var claimed = db.Database.IsNpgsql()
            ? await ClaimSkipLockedAsync(db, owner, now, until, ct)
            : await ClaimConditionallyAsync(db, owner, now, until, ct);
        if (claimed == 0)
        {
            return new Claim(owner, []);
        }

        var rows = await db.Outbox.AsNoTracking().Where(o => o.LeaseOwner == owner && o.Status == OutboxStatus.Pending).ToListAsync(ct);
        return new Claim(owner, rows);
    }

    /// <summary>
    /// PostgreSQL: locks due rows no other instance holds and leases them in one statement, so two
    /// instances polling together take different rows instead of queueing on the same ones.
    /// </summary>
    private async Task<int> ClaimSkipLockedAsync(KinerjaDbContext db, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken ct) =>
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE outbox SET "LeaseOwner" = {owner}, "LeaseUntil" = {until}
            WHERE "Id" IN (
                SELECT o."Id" FROM outbox o
                WHERE o."Status" = 'Pending' AND o."NotBefore" <= {now} AND (o."LeaseUntil" IS NULL OR o."LeaseUntil" < {now})
                ORDER BY o."Id" LIMIT {_options.BatchSize}
                FOR UPDATE SKIP LOCKED)
            """, ct);

    /// <summary>
    /// SQLite (one writer at a time): the due condition is checked again inside the UPDATE, so of two
    /// claimants racing for a row exactly one gets it.
    /// </summary>
    private async Task<int> ClaimConditionallyAsync(KinerjaDbContext db, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken ct)
    {
        var candidates = await db.Outbox.AsNoTracking()
            .Where(o => o.Status == OutboxStatus.Pending && o.NotBefore <= now && (o.LeaseUntil == null || o.LeaseUntil < now))
            .OrderBy(o => o.Id)
            .Select(o => o.Id)
            .Take(_options.BatchSize)
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return 0;
        }

        return await db.Outbox
            .Where(o => candidates.Contains(o.Id) && o.Status == OutboxStatus.Pending && (o.LeaseUntil == null || o.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, owner).SetProperty(o => o.LeaseUntil, until), ct);
    }

    /// <summary>
    /// Extends the lease of the rows this batch still holds, so a batch slowed by throttling keeps them; only
    /// a dead instance lets its lease run out (and another instance resend).
    /// </summary>
    private async Task RenewLeaseAsync(string owner, CancellationToken ct)
    {
        var every = _options.Lease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, time, ct);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
                var until = time.GetUtcNow() + _options.Lease;
                await db.Outbox.Where(o => o.LeaseOwner == owner && o.Status == OutboxStatus.Pending && o.LeaseUntil != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseUntil, until), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The batch is done.
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
        {
            // Renewal is best effort: the lease already covers a normal batch.
            LogRenewFailed(logger, ex);
        }
    }

    /// <returns>False when the row has to wait (its conversation's later rows must wait too).</returns>
    private async Task<bool> DeliverAsync(OutboxMessage row, string owner, CancellationToken ct)
    {
        var activity = ProtocolJson.DeserializeActivity(row.ActivityJson)!;
        string? targetId = null;
        if (row.Kind == OutboxKind.Update)
        {
            targetId = row.TargetActivityId ?? await FindSentIdAsync(row.TargetOutboxId, ct);
            if (targetId is null)
            {
                return await TargetNotSentAsync(row, owner, ct);
            }
        }

        var conversation = _conversations.GetOrAdd(row.ConversationId, _ => new Pacer(_options.PerConversationPerSecond, time));
        await conversation.WaitAsync(ct);
        await _global.WaitAsync(ct);
        try
        {
            string? sentId;
            if (row.Kind == OutboxKind.Update)
            {
                activity.Id = targetId;
                sentId = (await _connector.UpdateActivityAsync(row.ServiceUrl, row.ConversationId, targetId!, activity, ct)).Id ?? targetId;
            }
            else
            {
                activity.Id = ActivityIdOf(row);
                sentId = (await _connector.SendToConversationAsync(row.ServiceUrl, row.ConversationId, activity, ct)).Id;
            }

            _global.Succeeded();
            conversation.Succeeded();
            await RecordAsync(row, owner, s => s
                .SetProperty(o => o.Status, OutboxStatus.Sent)
                .SetProperty(o => o.SentActivityId, sentId)
                .SetProperty(o => o.SentAt, time.GetUtcNow())
                .SetProperty(o => o.Attempts, row.Attempts + 1)
                .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), ct);
            metrics.Sent(row.Purpose);
            return true;
        }
        catch (ConnectorException ex) when (IsUnreachable(ex))
        {
            metrics.Failed(row.Purpose, ex.StatusCode);
            await MarkUnreachableAsync(row, owner, $"{ex.StatusCode} {ex.ErrorCode}".TrimEnd(), ct);
            return false;
        }
        catch (ConnectorException ex) when (ex.IsTransient)
        {
            metrics.Failed(row.Purpose, ex.StatusCode);
            if (ex.StatusCode is 429 or 412)
            {
                metrics.Throttled(row.Purpose, ex.StatusCode);
            }

            if (ex.StatusCode is 429 or 412 or 503 || ex.RetryAfter is not null)
            {
                // Teams' limits are per app and tenant as well as per conversation: everyone slows down,
                // and this conversation waits out the Retry-After.
                _global.Throttled(ex.RetryAfter);
                conversation.Throttled(ex.RetryAfter);
            }

            return await RetryLaterAsync(row, owner, $"{ex.StatusCode} {ex.ErrorCode}".TrimEnd(), ex.RetryAfter, ct);
        }
        catch (ConnectorException ex)
        {
            // 500 included: the message may have been posted, and resending could duplicate it.
            metrics.Failed(row.Purpose, ex.StatusCode);
            await DeadLetterAsync(row, owner, $"{ex.StatusCode} {ex.ErrorCode} {ex.Message}", ct);
            return true;
        }
        catch (UntrustedServiceUrlException ex)
        {
            metrics.Failed(row.Purpose, 0);
            await DeadLetterAsync(row, owner, ex.Message, ct);
            return true;
        }
        catch (ArgumentException ex)
        {
            // A service URL or conversation id the connector cannot address never becomes deliverable;
            // left alone it would fail every pass and hold back the rows after it.
            metrics.Failed(row.Purpose, 0);
            await DeadLetterAsync(row, owner, ex.Message, ct);
            return true;
        }
    }

    /// <summary>The user blocked or removed the bot (403 MessageWritesBlocked / ConversationBlockedByUser), or the chat is gone (404).</summary>
    private static bool IsUnreachable(ConnectorException ex) =>
        ex.StatusCode == 404
        || (ex.StatusCode == 403 && ex.ErrorCode is ConnectorErrorCodes.MessageWritesBlocked or ConnectorErrorCodes.ConversationBlockedByUser);

    private void ForgetIdleConversations()
    {
        if (_conversations.Count < 10_000)
        {
            return;
        }

        var idle = time.GetUtcNow() - TimeSpan.FromMinutes(1);
        foreach (var (id, pacer) in _conversations)
        {
            if (pacer.LastUsed < idle)
            {
                _conversations.TryRemove(id, out _);
            }
        }
    }

    private async Task<string?> FindSentIdAsync(long? targetOutboxId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        return await db.Outbox.AsNoTracking().Where(o => o.Id == targetOutboxId && o.Status == OutboxStatus.Sent)
            .Select(o => o.SentActivityId).FirstOrDefaultAsync(ct);
    }

    private async Task<bool> TargetNotSentAsync(OutboxMessage row, string owner, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        var target = await db.Outbox.AsNoTracking().Where(o => o.Id == row.TargetOutboxId).Select(o => (OutboxStatus?)o.Status).FirstOrDefaultAsync(ct);
        if (target is null or OutboxStatus.DeadLetter or OutboxStatus.Cancelled || (target == OutboxStatus.Sent))
        {
            // The card to replace never reached the user (or was sent without an id): nothing to update.
            await RecordAsync(row, owner, s => s.SetProperty(o => o.Status, OutboxStatus.Cancelled)
                .SetProperty(o => o.LastError, "target message was not delivered").SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), ct);
            return true;
        }

        return await RetryLaterAsync(row, owner, "waiting for the message it updates", TimeSpan.FromSeconds(1), ct, countAttempt: false);
    }

    private async Task<bool> RetryLaterAsync(OutboxMessage row, string owner, string error, TimeSpan? retryAfter, CancellationToken ct, bool countAttempt = true)
    {
        var attempts = row.Attempts + (countAttempt ? 1 : 0);
        if (attempts >= _options.MaxAttempts)
        {
            await DeadLetterAsync(row, owner, $"gave up after {attempts} attempts: {error}", ct, attempts);
            return true;
        }

        var backoff = retryAfter ?? TimeSpan.FromTicks(_options.RetryBaseDelay.Ticks * (1L << Math.Min(attempts, 10)));
        await RecordAsync(row, owner, s => s
            .SetProperty(o => o.Attempts, attempts)
            .SetProperty(o => o.LastError, Truncate(error))
            .SetProperty(o => o.NotBefore, time.GetUtcNow() + backoff)
            .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), ct);
        metrics.Retried(row.Purpose);
        return false;
    }

    private async Task DeadLetterAsync(OutboxMessage row, string owner, string reason, CancellationToken ct, int? attempts = null)
    {
        LogDeadLetter(logger, row.Id, row.Purpose, reason);
        await RecordAsync(row, owner, s => s
            .SetProperty(o => o.Status, OutboxStatus.DeadLetter)
            .SetProperty(o => o.Attempts, attempts ?? row.Attempts + 1)
            .SetProperty(o => o.LastError, Truncate(reason))
            .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), ct);
        metrics.DeadLettered(row.Purpose);
    }

    /// <summary>
    /// No more attempts to someone who blocked or removed the bot: this row and whatever else waits for the
    /// conversation are dead-lettered with the reason, and the person is marked unreachable (since now) so
    /// the planner stops queueing for them and tells their rater's digest.
    /// </summary>
    private async Task MarkUnreachableAsync(OutboxMessage row, string owner, string reason, CancellationToken ct)
    {
        var why = Truncate("recipient unreachable: " + reason);
        await DeadLetterAsync(row, owner, why, ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        var now = time.GetUtcNow();
        await db.ConversationRefs.Where(c => c.UserId == row.RecipientUserId && c.IsReachable)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.IsReachable, false)
                .SetProperty(c => c.UnreachableReason, Truncate(reason, 256))
                .SetProperty(c => c.UnreachableSince, now), ct);
        var others = await db.Outbox
            .Where(o => o.ConversationId == row.ConversationId && o.Status == OutboxStatus.Pending
                && (o.LeaseOwner == owner || o.LeaseUntil == null || o.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, OutboxStatus.DeadLetter)
                .SetProperty(o => o.LastError, why)
                .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), ct);
        LogUnreachable(logger, row.RecipientUserId, reason, others);
        metrics.DeadLettered(row.Purpose, others);
    }

    private async Task ReleaseAsync(List<long> ids, string owner, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        await db.Outbox.Where(o => ids.Contains(o.Id) && o.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null).SetProperty(o => o.LeaseOwner, (string?)null), ct);
    }

    private async Task ReleaseUnsentAsync(string owner)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
            await db.Outbox.Where(o => o.LeaseOwner == owner && o.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null).SetProperty(o => o.LeaseOwner, (string?)null), CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or ObjectDisposedException)
        {
            // The lease runs out on its own.
            LogRenewFailed(logger, ex);
        }
    }

    private async Task RecordAsync(
        OutboxMessage row,
        string owner,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<OutboxMessage>> setters,
        CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        // Recorded only while the lease is ours: if it expired and another worker took the row, its outcome stands.
        var updated = await db.Outbox.Where(o => o.Id == row.Id && o.LeaseOwner == owner).ExecuteUpdateAsync(setters, ct);
        if (updated == 0)
        {
            LogLeaseLost(logger, row.Id);
        }
    }

    private static string Truncate(string s, int max = 2000) => s.Length <= max ? s : s[..max];

    [LoggerMessage(3000, LogLevel.Error, "Outbox dispatch pass failed")]
    private static partial void LogDispatchFailed(ILogger logger, Exception ex);

    [LoggerMessage(3001, LogLevel.Warning, "Outbox row {Id} ({Purpose}) dead-lettered: {Reason}")]
    private static partial void LogDeadLetter(ILogger logger, long id, string purpose, string reason);

    [LoggerMessage(3002, LogLevel.Warning, "Outbox row {Id}: lease lost before the outcome was recorded")]
    private static partial void LogLeaseLost(ILogger logger, long id);

    [LoggerMessage(3003, LogLevel.Warning, "Outbox lease renewal failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception ex);

    [LoggerMessage(3004, LogLevel.Warning, "Recipient {UserId} unreachable ({Reason}); {Others} other queued messages dead-lettered")]
    private static partial void LogUnreachable(ILogger logger, string userId, string reason, int others);
}
