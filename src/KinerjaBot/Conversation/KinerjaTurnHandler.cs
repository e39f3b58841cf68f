using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Delivery;
using KinerjaBot.Domain;
using KinerjaBot.Infrastructure;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Hosting;
using KinerjaBot.Protocol.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Conversation;

/// <summary>
/// Runs before every route: refreshes the sender's conversation reference, finds their employee record,
/// picks their language and time zone, names them as the audit actor, then routes. A failure becomes
/// an apology in the user's language (or an error invoke response), never a 500.
/// </summary>
public sealed partial class KinerjaTurnHandler(
    BotRouter router,
    KinerjaDbContext db,
    AuditTrail audit,
    Outbox outbox,
    TimeProvider time,
    KinerjaMetrics metrics,
    IOptions<DirectoryOptions> directory,
    IOptions<OrganisationOptions> organisation,
    ILogger<KinerjaTurnHandler> logger) : IBotTurnHandler
{
    public const string TurnKey = "kinerja.turn";

    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(5);

    private const int MaxAttempts = 3;

    public async Task<InvokeResponse?> HandleAsync(TurnContext turn)
    {
        var context = turn;
        var activity = context.Activity;
        metrics.ActivityHandled(activity.Type);
        if (InboundText.Refuses(activity, logger, out var unstorable))
        {
            return unstorable;
        }

        var reference = activity.GetConversationReference();
        if (reference is null || activity.From?.Id is null)
        {
            // Not addressable (no sender or conversation): nothing can be answered, and nothing is stored.
            return activity.Type == ActivityTypes.Invoke ? InvokeResponse.Error(400, "BadRequest", "The activity has no sender or conversation.") : null;
        }

        // One person's activities are handled one at a time on this instance (a double tap, two devices):
        // they touch the same conversation reference and flow. Across instances the database decides: the
        // loser's save conflicts, nothing of it was stored, and the turn runs again on the winner's state.
        using var serialized = await PerUser.EnterAsync(reference.UserId, context.Cancellation);
        for (var attempt = 1; ; attempt++)
        {
            Turn kinerjaTurn;
            try
            {
                kinerjaTurn = await BeginAsync(context, reference);
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts && IsConflict(ex))
            {
                LogConflictRetried(logger, activity.Id, attempt);
                db.ChangeTracker.Clear();
                continue;
            }
            catch (DbUpdateException ex)
            {
                LogTurnFailed(logger, activity.Type, ex);
                return activity.Type == ActivityTypes.Invoke ? InvokeResponse.Error(500, "Unavailable", Texts.For(null)["Common.Error"]) : null;
            }

            context.Items[TurnKey] = kinerjaTurn;
            try
            {
                return await router.RouteAsync(context);
            }
            catch (DbUpdateException ex) when (IsDuplicateDelivery(ex))
            {
                // Teams delivered this activity twice; the first delivery's effects and replies stand.
                LogDuplicate(logger, activity.Id);
                return activity.Type == ActivityTypes.Invoke ? InvokeResponse.Message(kinerjaTurn.T["Common.Duplicate"]) : null;
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts && IsConflict(ex))
            {
                LogConflictRetried(logger, activity.Id, attempt);
                db.ChangeTracker.Clear();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !context.Cancellation.IsCancellationRequested)
            {
                LogTurnFailed(logger, activity.Type, ex);
                return await ApologizeAsync(kinerjaTurn);
            }
        }
    }

    private async Task<Turn> BeginAsync(TurnContext context, ConversationReference reference)
    {
        var activity = context.Activity;
        var now = time.GetUtcNow();
        // The usual sender is known and in the directory: their reference and employee record come in one query.
        var aadObjectId = reference.UserAadObjectId;
        var known = await (
                from c in db.ConversationRefs.Where(c => c.UserId == reference.UserId)
                from e in db.Employees.Where(e => aadObjectId != null && e.AadObjectId == aadObjectId && e.IsActive).DefaultIfEmpty()
                select new { Reference = c, ByAad = e })
            .FirstOrDefaultAsync(context.Cancellation);
        var stored = known?.Reference;
        if (stored is null && reference.UserAadObjectId is not null)
        {
            // Someone the bot reached before they ever wrote (app installed through Graph): their
            // placeholder reference becomes this one, so each person has a single reference.
            var placeholder = Features.Reminders.ReminderPlanner.PlaceholderUserPrefix + reference.UserAadObjectId;
            stored = await db.ConversationRefs.FirstOrDefaultAsync(c => c.UserId == placeholder, context.Cancellation);
            if (stored is not null)
            {
                stored.UserId = reference.UserId;
            }
        }

        var employee = known?.ByAad ?? await FindEmployeeAsync(known is null ? aadObjectId : null, context.Cancellation);
        if (stored is null)
        {
            stored = new ConversationRef
            {
                UserId = reference.UserId,
                ServiceUrl = reference.ServiceUrl,
                ConversationId = reference.ConversationId,
                ChannelId = reference.ChannelId,
                FirstSeenAt = now,
            };
            db.ConversationRefs.Add(stored);
        }

        // Only a 1:1 chat is where reminders go; a team or group message must not redirect them.
        var personal = activity.Conversation?.ConversationType is null or "personal";
        if (personal)
        {
            stored.ServiceUrl = reference.ServiceUrl;
            stored.ConversationId = reference.ConversationId;
            stored.ChannelId = reference.ChannelId;
            stored.TenantId = reference.TenantId;
            stored.BotId = reference.BotId;
        }

        stored.AadObjectId = reference.UserAadObjectId ?? stored.AadObjectId;
        stored.UserName = activity.From?.Name ?? stored.UserName;
        stored.Locale = activity.GetLocale() ?? stored.Locale;
        stored.TimeZone = activity.GetTimeZone() ?? stored.TimeZone;
        // The directory decides who this account is, on every turn: an account whose Entra id an import moved
        // to another person is nobody's from its next activity on, and its conversation no longer theirs.
        stored.EmployeeId = employee?.Id;
        // Refreshed at most every few minutes: otherwise every message would cost a write for a timestamp alone.
        if (now - stored.LastSeenAt > LastSeenResolution)
        {
            stored.LastSeenAt = now;
        }
        if (activity.Type != ActivityTypes.InstallationUpdate || activity.Action != InstallationActions.Remove)
        {
            stored.IsReachable = true;
            stored.UnreachableReason = null;
            stored.UnreachableSince = null;
        }

        await db.SaveChangesAsync(context.Cancellation);
        audit.SetActor(employee?.Id, reference.UserId);

        var language = employee?.Language ?? Texts.OrganisationDefault;
        var user = new BotUser
        {
            Reference = stored,
            Employee = employee,
            T = Texts.For(language, organisation.Value.PerformanceContact),
            TimeZone = IndonesianTimeZones.Resolve(employee?.TimeZone ?? stored.TimeZone),
        };
        return new Turn(context, user, db, outbox, time);
    }

    /// <summary>
    /// The employee whose current Entra id is the sender's. Nothing stored about the account (an employee it
    /// was once linked to) counts: identity is the directory's, as it is now.
    /// </summary>
    /// <param name="aadObjectId">The sender's Entra id, or null when the lookup by it was already done (and found no one).</param>
    private async Task<Employee?> FindEmployeeAsync(string? aadObjectId, CancellationToken ct)
    {
        if (aadObjectId is not null)
        {
            var byAad = await db.Employees.FirstOrDefaultAsync(e => e.AadObjectId == aadObjectId && e.IsActive, ct);
            if (byAad is not null)
            {
                return byAad;
            }
        }

        // Local demo only (DirectoryOptions refuses it outside unauthenticated local development): any unknown
        // Teams user, e.g. the Agents Playground's, acts as a seeded employee.
        var demoNip = directory.Value.MapUnknownUsersToNip;
        return demoNip is null ? null : await db.Employees.FirstOrDefaultAsync(e => e.Nip == demoNip && e.IsActive, ct);
    }

    private async Task<InvokeResponse?> ApologizeAsync(Turn turn)
    {
        db.ChangeTracker.Clear();
        if (turn.Activity.Type == ActivityTypes.Invoke)
        {
            return InvokeResponse.Error(500, "InternalError", turn.T["Common.Error"]);
        }

        try
        {
            turn.Reply(turn.T["Common.Error"]);
            await turn.SaveAsync();
        }
        catch (Exception ex)
        {
            LogTurnFailed(logger, "apology", ex);
        }

        return null;
    }

    private static bool IsDuplicateDelivery(DbUpdateException ex) =>
        ex.Entries.Any(e => e.Entity is OutboxMessage)
        && (ex.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
            || ex.InnerException?.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>A concurrent request changed or created the same row first (optimistic concurrency or a unique key).</summary>
    private static bool IsConflict(DbUpdateException ex) =>
        ex is DbUpdateConcurrencyException
        || ex.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || ex.InnerException?.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase) == true;

    [LoggerMessage(4002, LogLevel.Information, "Activity {Id} conflicted with a concurrent one (attempt {Attempt}); running it again")]
    private static partial void LogConflictRetried(ILogger logger, string? id, int attempt);

    [LoggerMessage(4000, LogLevel.Error, "Handling a {Type} activity failed")]
    private static partial void LogTurnFailed(ILogger logger, string type, Exception ex);

    [LoggerMessage(4001, LogLevel.Information, "Activity {Id} was delivered twice; the repeat was ignored")]
    private static partial void LogDuplicate(ILogger logger, string? id);
}

/// <summary>Striped locks by user id: bounded memory however many people write.</summary>
internal static class PerUser
{
    private static readonly SemaphoreSlim[] Stripes = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public static async Task<IDisposable> EnterAsync(string userId, CancellationToken ct)
    {
        var stripe = Stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(userId) % (uint)Stripes.Length)];
        await stripe.WaitAsync(ct);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}

/// <summary>Section <c>Directory</c>.</summary>
public sealed class DirectoryOptions
{
    /// <summary>
    /// Local demo only: a NIP that any Teams user not in the directory acts as (so the Agents Playground's
    /// mock user can try everything). Leave empty in production.
    /// </summary>
    public string? MapUnknownUsersToNip { get; set; }
}

/// <summary>Access to the <see cref="Turn"/> the handler prepared, from a route.</summary>
public static class TurnContextExtensions
{
    public static Turn Kinerja(this TurnContext context) => (Turn)context.Items[KinerjaTurnHandler.TurnKey];
}
