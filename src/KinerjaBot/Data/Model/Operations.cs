namespace KinerjaBot.Data.Model;

/// <summary>Who changed what, when, with the state before and after (JSON).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public int? ActorEmployeeId { get; set; }
    public string? ActorUserId { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public required string Action { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

public enum OutboxKind
{
    /// <summary>Post a new activity to a conversation.</summary>
    Send,

    /// <summary>Replace an activity sent earlier (its id comes from the target outbox row or is known).</summary>
    Update,
}

public enum OutboxStatus
{
    Pending,
    Sent,
    DeadLetter,
    Cancelled,
}

/// <summary>
/// A proactive or reply activity waiting to be delivered. Written in the same transaction as the state
/// change that caused it, so a reply is never lost and never sent for a change that rolled back.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>Dedupe key: planning the same reminder twice hits the unique index.</summary>
    public required string Key { get; set; }
    public OutboxKind Kind { get; set; }
    public OutboxStatus Status { get; set; }
    public required string Purpose { get; set; }
    public int? RecipientEmployeeId { get; set; }
    public required string RecipientUserId { get; set; }
    public required string ServiceUrl { get; set; }
    public required string ConversationId { get; set; }
    public required string ActivityJson { get; set; }

    /// <summary>For <see cref="OutboxKind.Update"/>: the row whose sent activity is replaced.</summary>
    public long? TargetOutboxId { get; set; }
    public string? TargetActivityId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NotBefore { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LeaseOwner { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public string? SentActivityId { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>
/// A service URL a validated Bot Connector token vouched for (its <c>serviceurl</c> claim), kept so that what
/// was queued for it is still delivered after a restart or by another instance. Never written from card data or
/// an unauthenticated request: only such a URL may receive the bot's token.
/// </summary>
public sealed class VouchedServiceUrl
{
    /// <summary>Normalised: lower case, no trailing slash.</summary>
    public required string Url { get; set; }
    public DateTimeOffset VouchedAt { get; set; }
}

/// <summary>
/// A card shown to someone about something (a progress entry, a feedback request…), so that when the
/// thing changes every copy of its card can be updated.
/// </summary>
public sealed class CardMessage
{
    public long Id { get; set; }
    public required string Subject { get; set; }
    public int RecipientEmployeeId { get; set; }
    public long OutboxId { get; set; }
    public OutboxMessage? Outbox { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
