using System.Threading.RateLimiting;
using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Infrastructure;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Connector;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Delivery;

/// <summary>
/// Delivers outbox rows: claims due rows with a lease (a conditional update, so instances sharing a
/// PostgreSQL database never claim the same row), sends them paced under the global and per-conversation
/// limits, and records each outcome only if it still holds the lease. A crash after claiming leaves the
/// row to be re-claimed when the lease runs out: delivery is at least once, and the lease is far longer
/// than a send, so a second delivery needs a crash in the instant between send and record.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IConnectorClient connector,
    OutboxSignal signal,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    KinerjaMetrics metrics,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly DeliveryOptions _options = options.Value;
    private readonly TokenBucketRateLimiter _global = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = options.Value.GlobalPerSecond,
        TokensPerPeriod = options.Value.GlobalPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = int.MaxValue,
        AutoReplenishment = true,
    });

    private readonly PartitionedRateLimiter<string> _perConversation = PartitionedRateLimiter.Create<string, string>(
        conversationId => RateLimitPartition.GetTokenBucketLimiter(conversationId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.PerConversationPerSecond,
            TokensPerPeriod = options.Value.PerConversationPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            AutoReplenishment = true,
        }));

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
        return claim.Rows.Count;
    }

    private sealed record Claim(string Owner, List<OutboxMessage> Rows);

    private async Task<Claim> ClaimAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        var now = time.GetUtcNow();
        var owner = Guid.NewGuid().ToString("N");
        var candidates = await db.Outbox.AsNoTracking()
            .Where(o => o.Status == OutboxStatus.Pending && o.NotBefore <= now && (o.LeaseUntil == null || o.LeaseUntil < now))
            .OrderBy(o => o.Id)
            .Select(o => o.Id)
            .Take(_options.BatchSize)
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return new Claim(owner, []);
        }

        var until = now + _options.Lease;
        // The condition is re-checked inside the UPDATE: of two instances racing for a row, one wins.
        await db.Outbox
            .Where(o => candidates.Contains(o.Id) && o.Status == OutboxStatus.Pending && (o.LeaseUntil == null || o.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, owner).SetProperty(o => o.LeaseUntil, until), ct);
        var rows = await db.Outbox.AsNoTracking().Where(o => candidates.Contains(o.Id) && o.LeaseOwner == owner).ToListAsync(ct);
        return new Claim(owner, rows);
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

        using var perConversation = await _perConversation.AcquireAsync(row.ConversationId, 1, ct);
        using var global = await _global.AcquireAsync(1, ct);
        try
        {
            string? sentId;
            if (row.Kind == OutboxKind.Update)
            {
                activity.Id = targetId;
                sentId = (await connector.UpdateActivityAsync(row.ServiceUrl, row.ConversationId, targetId!, activity, ct)).Id ?? targetId;
            }
            else
            {
                sentId = (await connector.SendToConversationAsync(row.ServiceUrl, row.ConversationId, activity, ct)).Id;
            }

            await RecordAsync(row, owner, s => s
                .SetProperty(o => o.Status, OutboxStatus.Sent)
                .SetProperty(o => o.SentActivityId, sentId)
                .SetProperty(o => o.SentAt, time.GetUtcNow())
                .SetProperty(o => o.Attempts, row.Attempts + 1)
                .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), ct);
            metrics.Sent(row.Purpose);
            return true;
        }
        catch (ConnectorException ex) when (ex.StatusCode is 403 or 404)
        {
            await MarkUnreachableAsync(row, owner, $"{ex.StatusCode} {ex.ErrorCode}", ct);
            return true;
        }
        catch (ConnectorException ex) when (ex.IsTransient)
        {
            metrics.Throttled(row.Purpose, ex.StatusCode);
            return await RetryLaterAsync(row, owner, $"{ex.StatusCode} {ex.ErrorCode}", ex.RetryAfter, ct);
        }
        catch (ConnectorException ex)
        {
            await DeadLetterAsync(row, owner, $"{ex.StatusCode} {ex.ErrorCode} {ex.Message}", ct);
            return true;
        }
        catch (UntrustedServiceUrlException ex)
        {
            await DeadLetterAsync(row, owner, ex.Message, ct);
            return true;
        }
        catch (ArgumentException ex)
        {
            // A service URL or conversation id the connector cannot address never becomes deliverable;
            // left alone it would fail every pass and hold back the rows after it.
            await DeadLetterAsync(row, owner, ex.Message, ct);
            return true;
        }
        catch (HttpRequestException ex)
        {
            return await RetryLaterAsync(row, owner, ex.Message, null, ct);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            return await RetryLaterAsync(row, owner, "timeout: " + ex.Message, null, ct);
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
            await DeadLetterAsync(row, owner, $"gave up after {attempts} attempts: {error}", ct);
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

    private async Task DeadLetterAsync(OutboxMessage row, string owner, string reason, CancellationToken ct)
    {
        LogDeadLetter(logger, row.Id, row.Purpose, reason);
        await RecordAsync(row, owner, s => s
            .SetProperty(o => o.Status, OutboxStatus.DeadLetter)
            .SetProperty(o => o.Attempts, row.Attempts + 1)
            .SetProperty(o => o.LastError, Truncate(reason))
            .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), ct);
        metrics.DeadLettered(row.Purpose);
    }

    private async Task MarkUnreachableAsync(OutboxMessage row, string owner, string reason, CancellationToken ct)
    {
        await DeadLetterAsync(row, owner, "recipient unreachable: " + reason, ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        await db.ConversationRefs.Where(c => c.UserId == row.RecipientUserId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.IsReachable, false).SetProperty(c => c.UnreachableReason, Truncate(reason, 256)), ct);
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

    public override void Dispose()
    {
        _global.Dispose();
        _perConversation.Dispose();
        base.Dispose();
    }

    [LoggerMessage(3000, LogLevel.Error, "Outbox dispatch pass failed")]
    private static partial void LogDispatchFailed(ILogger logger, Exception ex);

    [LoggerMessage(3001, LogLevel.Warning, "Outbox row {Id} ({Purpose}) dead-lettered: {Reason}")]
    private static partial void LogDeadLetter(ILogger logger, long id, string purpose, string reason);

    [LoggerMessage(3002, LogLevel.Warning, "Outbox row {Id}: lease lost before the outcome was recorded")]
    private static partial void LogLeaseLost(ILogger logger, long id);
}
