using System.Collections.Concurrent;
using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Infrastructure;
using KinerjaBot.Infrastructure.Text;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Connector;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Delivery;

/// <summary>
/// Delivers outbox rows. Claims due rows with a lease (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, a
/// conditional UPDATE on SQLite, so instances sharing a database never claim the same row) and hands them to
/// one lane per conversation: a lane sends its rows in order, lanes run side by side, and a conversation held
/// by its own limit or a <c>Retry-After</c> holds nobody else. Claiming goes on while lanes work, so a reply
/// queued now does not wait for a slow batch to finish. Sends are paced under the global and per-conversation
/// rates; each outcome is one conditional UPDATE that holds only while the lease is still this instance's,
/// written in groups (<see cref="OutcomeRecorder"/>). The leases of everything held are renewed together.
/// </summary>
/// <remarks>
/// A crash after claiming leaves the row to be re-claimed when the lease runs out. The one window for a
/// second delivery is a crash after the connector accepted a message and before its outcome was written;
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
    ILogger<OutboxDispatcher> logger) : BackgroundService, ILocalDelivery
{
    private readonly DeliveryOptions _options = options.Value;
    private readonly IConnectorClient _connector = delivery.Client;
    // A Retry-After pauses the conversation it came from (Teams counts per thread, and rows of other
    // conversations are not to blame); the app as a whole only slows down, so a few 429s do not stop
    // everyone's replies for the length of each Retry-After.
    private readonly Pacer _global = new(options.Value.GlobalPerSecond, time, pauseOnRetryAfter: false);
    private readonly ConcurrentDictionary<string, Pacer> _conversations = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sending = new(options.Value.Concurrency, options.Value.Concurrency);
    private readonly OutcomeRecorder _recorder = new(scopes);

    // This instance's name on the rows it leases: one owner for all of them, so one UPDATE renews them all.
    private readonly string _owner = Guid.NewGuid().ToString("N");

    // Under _lock: the rows claimed and not yet settled, the conversations being worked, and the
    // conversations whose next rows must wait (a Retry-After, a backoff, or a backlog beyond their rate).
    private readonly Lock _lock = new();
    private readonly HashSet<long> _held = [];
    private readonly Dictionary<string, Queue<OutboxMessage>> _lanes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _heldBack = new(StringComparer.Ordinal);
    private readonly List<Task> _workers = [];

    // The claim loop found no room: the next settled row wakes it.
    private volatile bool _starved;

    // The lanes' token while the dispatcher runs; rows handed over when it is not running stay in the table.
    private CancellationToken _stopping;
    private volatile bool _running;

    // Activity ids of rows this instance sent lately: an update right behind the card it replaces needs no query.
    private readonly ConcurrentDictionary<long, string> _recentlySent = new();

    /// <summary>The id a queued activity is sent with: its outbox key, the same on every attempt.</summary>
    public static string ActivityIdOf(OutboxMessage row) => row.Key;

    /// <summary>Sends per second the dispatcher allows itself now (lower than configured after throttling).</summary>
    public double CurrentRate => _global.CurrentRate;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        _running = true;
        var recording = _recorder.RunAsync(await RecorderWritersAsync());
        var renewing = RenewLeasesAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ClaimAsync(stoppingToken) == 0)
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
                try
                {
                    await Task.Delay(_options.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await DrainAsync(recording, renewing);
    }

    private async Task<int> RecorderWritersAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<KinerjaDbContext>().Database.IsNpgsql() ? 4 : 1;
    }

    /// <summary>Lets the lanes end, writes the outcomes they reached, and frees what was claimed but not sent.</summary>
    private async Task DrainAsync(Task recording, Task renewing)
    {
        _running = false;
        Task[] workers;
        lock (_lock)
        {
            workers = [.. _workers];
        }

        await Task.WhenAll(workers.Append(renewing));
        _recorder.Complete();
        await recording;
        await ReleaseUnsentAsync();
    }

    /// <summary>
    /// Claims due rows up to the room left (at most <see cref="DeliveryOptions.BatchSize"/> held at once)
    /// and puts them into their lanes; returns how many were taken on.
    /// </summary>
    private async Task<int> ClaimAsync(CancellationToken ct)
    {
        int room;
        lock (_lock)
        {
            room = _options.BatchSize - _held.Count;
        }

        if (room <= 0)
        {
            _starved = true;
            return 0;
        }

        var rows = await LeaseDueRowsAsync(room, ct);
        if (rows.Count == 0)
        {
            return 0;
        }

        var taken = await TakeOnAsync(rows, ct);
        ForgetIdleConversations(time.GetUtcNow());
        return taken;
    }

    private int HeldCount()
    {
        lock (_lock)
        {
            return _held.Count;
        }
    }

    /// <inheritdoc />
    public bool HasRoom()
    {
        if (!_running)
        {
            return false;
        }

        lock (_lock)
        {
            return _held.Count < _options.BatchSize;
        }
    }

    /// <inheritdoc />
    public void Lease(OutboxMessage row)
    {
        row.LeaseOwner = _owner;
        row.LeaseUntil = time.GetUtcNow() + _options.Lease;
    }

    /// <inheritdoc />
    public bool Leases(OutboxMessage row) => row.LeaseOwner == _owner;

    /// <inheritdoc />
    public void Committed(IReadOnlyList<OutboxMessage> rows)
    {
        if (_running)
        {
            // Called inside a turn's save: the lanes it starts outlive the request and must not carry its
            // context along (its logging scope, its trace, its HttpContext).
            using (ExecutionContext.SuppressFlow())
            {
                _ = TakeOnAsync(rows, _stopping);
            }
        }
        else
        {
            // Stopped in between: give them back now rather than when the lease runs out.
            _ = ReleaseQuietlyAsync([.. rows.Select(r => r.Id)]);
        }
    }

    /// <summary>
    /// Puts rows leased to this instance into their conversations' lanes, starting a lane's worker when it
    /// has none; rows of a conversation that may not receive more for now go back to the table.
    /// </summary>
    private async Task<int> TakeOnAsync(IEnumerable<OutboxMessage> rows, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var backlog = Math.Max(2, _options.PerConversationPerSecond);
        var deferred = new List<(long Id, DateTimeOffset Until)>();
        var taken = 0;
        lock (_lock)
        {
            foreach (var row in rows.OrderBy(r => r.Id))
            {
                if (!_held.Add(row.Id))
                {
                    continue;
                }

                var lane = _lanes.GetValueOrDefault(row.ConversationId);
                var heldBack = _heldBack.GetValueOrDefault(row.ConversationId);
                if (heldBack > now || lane?.Count >= backlog)
                {
                    // More than this conversation may receive for now: back to the table until it can, so
                    // the room goes to conversations that can be sent to (and order holds: later rows of
                    // the conversation are held back as long as these are).
                    var until = heldBack > now ? heldBack : now + TimeSpan.FromSeconds(1);
                    _heldBack[row.ConversationId] = until;
                    _held.Remove(row.Id);
                    deferred.Add((row.Id, until));
                    continue;
                }

                if (lane is null)
                {
                    lane = new Queue<OutboxMessage>();
                    _lanes[row.ConversationId] = lane;
                    lane.Enqueue(row);
                    var worker = Task.Run(() => RunLaneAsync(row.ConversationId, lane, ct), CancellationToken.None);
                    _workers.Add(worker);
                    _ = worker.ContinueWith(finished => { lock (_lock) { _workers.Remove(finished); } }, TaskScheduler.Default);
                }
                else
                {
                    lane.Enqueue(row);
                }

                taken++;
            }
        }

        try
        {
            foreach (var group in deferred.GroupBy(d => d.Until))
            {
                await ReleaseAsync([.. group.Select(d => d.Id)], group.Key, ct);
            }
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or OperationCanceledException)
        {
            // Their lease runs out on its own and they are claimed then.
            LogRenewFailed(logger, ex);
        }

        return taken;
    }

    /// <summary>Sends one conversation's rows in order until its queue is empty or a row has to wait.</summary>
    private async Task RunLaneAsync(string conversationId, Queue<OutboxMessage> lane, CancellationToken ct)
    {
        while (true)
        {
            OutboxMessage? row;
            lock (_lock)
            {
                if (!lane.TryDequeue(out row))
                {
                    _lanes.Remove(conversationId);
                    return;
                }
            }

            DateTimeOffset? waitUntil;
            try
            {
                waitUntil = await DeliverAsync(row, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // A failed write of the outcome: the row keeps its lease and comes back when that runs out.
                LogDispatchFailed(logger, ex);
                waitUntil = time.GetUtcNow() + _options.PollInterval;
            }
            catch (OperationCanceledException)
            {
                // Stopping: what is left is released by DrainAsync.
                waitUntil = null;
            }

            List<long> rest = [];
            lock (_lock)
            {
                _held.Remove(row.Id);
                if (waitUntil is not null || ct.IsCancellationRequested)
                {
                    rest = [.. lane.Select(r => r.Id)];
                    lane.Clear();
                    rest.ForEach(id => _held.Remove(id));
                    _lanes.Remove(conversationId);
                    if (waitUntil is { } later)
                    {
                        _heldBack[conversationId] = later;
                    }
                }
            }

            // Room again for rows the claim loop had to leave in the table: once half is free, so that a
            // backlog paced at Teams' rate is claimed in batches, not one query per row sent.
            if (_starved && HeldCount() <= _options.BatchSize / 2)
            {
                _starved = false;
                signal.Notify();
            }
            if (rest.Count > 0 || waitUntil is not null || ct.IsCancellationRequested)
            {
                if (!ct.IsCancellationRequested)
                {
                    // Keep order: what follows a row that must wait waits as long as it does.
                    await ReleaseAsync(rest, waitUntil ?? time.GetUtcNow(), ct);
                }

                return;
            }
        }
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due rows for this instance and reads them.
    /// </summary>
    private async Task<List<OutboxMessage>> LeaseDueRowsAsync(int limit, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        var now = time.GetUtcNow();
        var until = now + _options.Lease;
        // A row this instance still holds is never due (its lease is renewed), so a claim cannot take it twice.
        var claimed = db.Database.IsNpgsql()
            ? await ClaimSkipLockedAsync(db, now, until, limit, ct)
            : await ClaimConditionallyAsync(db, now, until, limit, ct);
        if (claimed.Count == 0)
        {
            return [];
        }

        return await db.Outbox.AsNoTracking().Where(o => claimed.Contains(o.Id) && o.LeaseOwner == _owner && o.Status == OutboxStatus.Pending).ToListAsync(ct);
    }

    /// <summary>
    /// PostgreSQL: locks due rows no other instance holds and leases them in one statement, so two
    /// instances polling together take different rows instead of queueing on the same ones.
    /// </summary>
    private async Task<List<long>> ClaimSkipLockedAsync(KinerjaDbContext db, DateTimeOffset now, DateTimeOffset until, int limit, CancellationToken ct) =>
        await db.Database.SqlQuery<long>($"""
            UPDATE outbox SET "LeaseOwner" = {_owner}, "LeaseUntil" = {until}
            WHERE "Id" IN (
                SELECT o."Id" FROM outbox o
                WHERE o."Status" = 'Pending' AND o."NotBefore" <= {now} AND (o."LeaseUntil" IS NULL OR o."LeaseUntil" < {now})
                ORDER BY o."Id" LIMIT {limit}
                FOR UPDATE SKIP LOCKED)
            RETURNING "Id" AS "Value"
            """).ToListAsync(ct);

    /// <summary>
    /// SQLite (one writer at a time): the due condition is checked again inside the UPDATE, so of two
    /// claimants racing for a row exactly one gets it.
    /// </summary>
    private async Task<List<long>> ClaimConditionallyAsync(KinerjaDbContext db, DateTimeOffset now, DateTimeOffset until, int limit, CancellationToken ct)
    {
        var candidates = await db.Outbox.AsNoTracking()
            .Where(o => o.Status == OutboxStatus.Pending && o.NotBefore <= now && (o.LeaseUntil == null || o.LeaseUntil < now))
            .OrderBy(o => o.Id)
            .Select(o => o.Id)
            .Take(limit)
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return [];
        }

        var owner = _owner;
        var claimed = await db.Outbox
            .Where(o => candidates.Contains(o.Id) && o.Status == OutboxStatus.Pending && (o.LeaseUntil == null || o.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseOwner, owner).SetProperty(o => o.LeaseUntil, until), ct);
        return claimed == 0 ? [] : candidates;
    }

    /// <summary>
    /// Extends the lease of every row this instance holds, so rows slowed by throttling stay its own; only a
    /// dead instance lets its leases run out (and another instance resend).
    /// </summary>
    private async Task RenewLeasesAsync(CancellationToken ct)
    {
        var every = _options.Lease / 3;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, ct);
                List<long> held;
                lock (_lock)
                {
                    held = [.. _held];
                }

                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
                var until = time.GetUtcNow() + _options.Lease;
                var owner = _owner;
                foreach (var chunk in held.Chunk(500))
                {
                    await db.Outbox.Where(o => chunk.Contains(o.Id) && o.LeaseOwner == owner && o.Status == OutboxStatus.Pending)
                        .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseUntil, until), ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
            {
                // Renewal is best effort and tried again next time: the lease outlasts two missed renewals.
                LogRenewFailed(logger, ex);
            }
        }
    }

    /// <returns>Null when the conversation's next row may follow; otherwise when the rows after this one may go.</returns>
    private async Task<DateTimeOffset?> DeliverAsync(OutboxMessage row, CancellationToken ct)
    {
        var activity = ProtocolJson.DeserializeActivity(row.ActivityJson)!;
        string? targetId = null;
        if (row.Kind == OutboxKind.Update)
        {
            targetId = row.TargetActivityId ?? await FindSentIdAsync(row.TargetOutboxId, ct);
            if (targetId is null)
            {
                return await TargetNotSentAsync(row);
            }
        }

        var conversation = _conversations.GetOrAdd(row.ConversationId, _ => new Pacer(_options.PerConversationPerSecond, time));
        await conversation.WaitAsync(ct);
        string? sentId;
        try
        {
            sentId = await SendAsync(row, activity, targetId, ct);
        }
        catch (ConnectorException ex) when (IsUnreachable(ex))
        {
            metrics.Failed(row.Purpose, ex.StatusCode);
            await MarkUnreachableAsync(row, $"{ex.StatusCode} {ex.ErrorCode}".TrimEnd());
            // Everything else queued for the conversation was dead-lettered with it.
            return time.GetUtcNow();
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

            return await RetryLaterAsync(row, $"{ex.StatusCode} {ex.ErrorCode}".TrimEnd(), ex.RetryAfter);
        }
        catch (ConnectorException ex)
        {
            // 500 included: the message may have been posted, and resending could duplicate it.
            metrics.Failed(row.Purpose, ex.StatusCode);
            await DeadLetterAsync(row, $"{ex.StatusCode} {ex.ErrorCode} {ex.Message}");
            return null;
        }
        catch (UntrustedServiceUrlException ex)
        {
            metrics.Failed(row.Purpose, 0);
            await DeadLetterAsync(row, ex.Message);
            return null;
        }
        catch (ArgumentException ex)
        {
            // A service URL or conversation id the connector cannot address never becomes deliverable;
            // left alone it would fail every pass and hold back the rows after it.
            metrics.Failed(row.Purpose, 0);
            await DeadLetterAsync(row, ex.Message);
            return null;
        }

        _global.Succeeded();
        conversation.Succeeded();
        if (sentId is not null)
        {
            _recentlySent[row.Id] = sentId;
        }

        if (!await _recorder.RecordSentAsync(row.Id, _owner, sentId, time.GetUtcNow()))
        {
            LogLeaseLost(logger, row.Id);
        }

        metrics.Sent(row.Purpose);
        return null;
    }

    /// <summary>One HTTP attempt, within <see cref="DeliveryOptions.Concurrency"/> sends in flight; returns the id the connector gave.</summary>
    private async Task<string?> SendAsync(OutboxMessage row, Activity activity, string? targetId, CancellationToken ct)
    {
        // The app-wide pacer is waited for inside the concurrency limit: at most that many senders wait on
        // it, instead of every conversation with something queued waking at each slot.
        await _sending.WaitAsync(ct);
        try
        {
            await _global.WaitAsync(ct);
            if (row.Kind == OutboxKind.Update)
            {
                activity.Id = targetId;
                return (await _connector.UpdateActivityAsync(row.ServiceUrl, row.ConversationId, targetId!, activity, ct)).Id ?? targetId;
            }

            activity.Id = ActivityIdOf(row);
            return (await _connector.SendToConversationAsync(row.ServiceUrl, row.ConversationId, activity, ct)).Id;
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>The user blocked or removed the bot (403 MessageWritesBlocked / ConversationBlockedByUser), or the chat is gone (404).</summary>
    private static bool IsUnreachable(ConnectorException ex) =>
        ex.StatusCode == 404
        || (ex.StatusCode == 403 && ex.ErrorCode is ConnectorErrorCodes.MessageWritesBlocked or ConnectorErrorCodes.ConversationBlockedByUser);

    private void ForgetIdleConversations(DateTimeOffset now)
    {
        if (_recentlySent.Count > 10_000)
        {
            _recentlySent.Clear();
        }

        if (_conversations.Count >= 10_000)
        {
            var idle = now - TimeSpan.FromMinutes(1);
            foreach (var (id, pacer) in _conversations)
            {
                if (pacer.LastUsed < idle)
                {
                    _conversations.TryRemove(id, out _);
                }
            }
        }

        lock (_lock)
        {
            if (_heldBack.Count >= 1_000)
            {
                foreach (var (id, until) in _heldBack.ToList())
                {
                    if (until <= now)
                    {
                        _heldBack.Remove(id);
                    }
                }
            }
        }
    }

    private async Task<string?> FindSentIdAsync(long? targetOutboxId, CancellationToken ct)
    {
        if (targetOutboxId is { } target && _recentlySent.TryGetValue(target, out var sentId))
        {
            return sentId;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        return await db.Outbox.AsNoTracking().Where(o => o.Id == targetOutboxId && o.Status == OutboxStatus.Sent)
            .Select(o => o.SentActivityId).FirstOrDefaultAsync(ct);
    }

    private async Task<DateTimeOffset?> TargetNotSentAsync(OutboxMessage row)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        var target = await db.Outbox.AsNoTracking().Where(o => o.Id == row.TargetOutboxId).Select(o => (OutboxStatus?)o.Status).FirstOrDefaultAsync();
        if (target is null or OutboxStatus.DeadLetter or OutboxStatus.Cancelled || (target == OutboxStatus.Sent))
        {
            // The card to replace never reached the user (or was sent without an id): nothing to update.
            await RecordAsync(row, s => s.SetProperty(o => o.Status, OutboxStatus.Cancelled)
                .SetProperty(o => o.LastError, "target message was not delivered").SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null));
            return null;
        }

        return await RetryLaterAsync(row, "waiting for the message it updates", TimeSpan.FromSeconds(1), countAttempt: false);
    }

    /// <returns>When the row is due again, or null when it was dead-lettered instead.</returns>
    private async Task<DateTimeOffset?> RetryLaterAsync(OutboxMessage row, string error, TimeSpan? retryAfter, bool countAttempt = true)
    {
        var attempts = row.Attempts + (countAttempt ? 1 : 0);
        if (attempts >= _options.MaxAttempts)
        {
            await DeadLetterAsync(row, $"gave up after {attempts} attempts: {error}", attempts);
            return null;
        }

        var backoff = retryAfter ?? TimeSpan.FromTicks(_options.RetryBaseDelay.Ticks * (1L << Math.Min(attempts, 10)));
        var due = time.GetUtcNow() + backoff;
        await RecordAsync(row, s => s
            .SetProperty(o => o.Attempts, attempts)
            .SetProperty(o => o.LastError, Truncate(error))
            .SetProperty(o => o.NotBefore, due)
            .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null));
        metrics.Retried(row.Purpose);
        return due;
    }

    private async Task DeadLetterAsync(OutboxMessage row, string reason, int? attempts = null)
    {
        LogDeadLetter(logger, row.Id, row.Purpose, reason);
        await RecordAsync(row, s => s
            .SetProperty(o => o.Status, OutboxStatus.DeadLetter)
            .SetProperty(o => o.Attempts, attempts ?? row.Attempts + 1)
            .SetProperty(o => o.LastError, Truncate(reason))
            .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null));
        metrics.DeadLettered(row.Purpose);
    }

    /// <summary>
    /// No more attempts to someone who blocked or removed the bot: this row and whatever else waits for the
    /// conversation are dead-lettered with the reason, and the person is marked unreachable (since now) so
    /// the planner stops queueing for them and tells their rater's digest.
    /// </summary>
    private async Task MarkUnreachableAsync(OutboxMessage row, string reason)
    {
        var why = Truncate("recipient unreachable: " + reason);
        await DeadLetterAsync(row, why);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        var now = time.GetUtcNow();
        var owner = _owner;
        await db.ConversationRefs.Where(c => c.UserId == row.RecipientUserId && c.IsReachable)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.IsReachable, false)
                .SetProperty(c => c.UnreachableReason, Truncate(reason, 256))
                .SetProperty(c => c.UnreachableSince, now));
        var others = await db.Outbox
            .Where(o => o.ConversationId == row.ConversationId && o.Status == OutboxStatus.Pending
                && (o.LeaseOwner == owner || o.LeaseUntil == null || o.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, OutboxStatus.DeadLetter)
                .SetProperty(o => o.LastError, why)
                .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null));
        LogUnreachable(logger, row.RecipientUserId, reason, others);
        metrics.DeadLettered(row.Purpose, others);
    }

    /// <summary>Gives rows back (not before <paramref name="notBefore"/>), so the next claim, here or elsewhere, can take them then.</summary>
    private async Task ReleaseAsync(List<long> ids, DateTimeOffset notBefore, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        var owner = _owner;
        await db.Outbox.Where(o => ids.Contains(o.Id) && o.LeaseOwner == owner && o.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(o => o.LeaseOwner, (string?)null)
                .SetProperty(o => o.NotBefore, o => o.NotBefore > notBefore ? o.NotBefore : notBefore), ct);
    }

    private async Task ReleaseQuietlyAsync(List<long> ids)
    {
        try
        {
            await ReleaseAsync(ids, time.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or ObjectDisposedException)
        {
            // The lease runs out on its own.
            LogRenewFailed(logger, ex);
        }
    }

    /// <summary>Shutting down: what was claimed but not sent is free again now, not when the lease ends.</summary>
    private async Task ReleaseUnsentAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
            var owner = _owner;
            await db.Outbox.Where(o => o.LeaseOwner == owner && o.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null).SetProperty(o => o.LeaseOwner, (string?)null), CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or ObjectDisposedException)
        {
            // The lease runs out on its own.
            LogRenewFailed(logger, ex);
        }
    }

    /// <summary>Writes an outcome while the lease is still ours: if it expired and another worker took the row, its outcome stands.</summary>
    private async Task RecordAsync(OutboxMessage row, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<OutboxMessage>> setters)
    {
        if (!await _recorder.RecordAsync(row.Id, _owner, setters))
        {
            LogLeaseLost(logger, row.Id);
        }
    }

    private static string Truncate(string s, int max = 2000) => StoredText.Fit(s, max) ?? "";

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
