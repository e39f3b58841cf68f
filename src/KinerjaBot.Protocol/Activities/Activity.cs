using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KinerjaBot.Protocol.Activities;

/// <summary>
/// A Bot Framework activity with the fields this library reads or writes typed; every other field
/// survives a round trip through <see cref="Extra"/>.
/// </summary>
public sealed class Activity
{
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("timestamp")] public DateTimeOffset? Timestamp { get; set; }
    [JsonPropertyName("localTimestamp")] public DateTimeOffset? LocalTimestamp { get; set; }
    [JsonPropertyName("localTimezone")] public string? LocalTimezone { get; set; }
    [JsonPropertyName("serviceUrl")] public string? ServiceUrl { get; set; }
    [JsonPropertyName("channelId")] public string? ChannelId { get; set; }
    [JsonPropertyName("from")] public ChannelAccount? From { get; set; }
    [JsonPropertyName("recipient")] public ChannelAccount? Recipient { get; set; }
    [JsonPropertyName("conversation")] public ConversationAccount? Conversation { get; set; }
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("textFormat")] public string? TextFormat { get; set; }
    [JsonPropertyName("summary")] public string? Summary { get; set; }
    [JsonPropertyName("locale")] public string? Locale { get; set; }
    [JsonPropertyName("replyToId")] public string? ReplyToId { get; set; }
    [JsonPropertyName("action")] public string? Action { get; set; }
    [JsonPropertyName("value")] public JsonNode? Value { get; set; }
    [JsonPropertyName("attachmentLayout")] public string? AttachmentLayout { get; set; }
    [JsonPropertyName("attachments")] public List<Attachment>? Attachments { get; set; }
    [JsonPropertyName("suggestedActions")] public SuggestedActions? SuggestedActions { get; set; }
    [JsonPropertyName("entities")] public List<Entity>? Entities { get; set; }
    [JsonPropertyName("membersAdded")] public List<ChannelAccount>? MembersAdded { get; set; }
    [JsonPropertyName("membersRemoved")] public List<ChannelAccount>? MembersRemoved { get; set; }
    [JsonPropertyName("channelData")] public ChannelData? ChannelData { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The tenant id, from <c>conversation.tenantId</c> or <c>channelData.tenant.id</c>.</summary>
    [JsonIgnore]
    public string? TenantId => Conversation?.TenantId ?? ChannelData?.Tenant?.Id;

    /// <summary>The first <c>clientInfo</c> entity, if the channel sent one.</summary>
    public ClientInfo? GetClientInfo()
    {
        var entity = Entities?.FirstOrDefault(e => e.Type == EntityTypes.ClientInfo);
        return entity is null ? null : ClientInfo.From(entity);
    }

    /// <summary>The user's IANA time zone: <c>localTimezone</c>, else the clientInfo entity's.</summary>
    public string? GetTimeZone() => LocalTimezone ?? GetClientInfo()?.Timezone;

    /// <summary>The user's locale: <c>locale</c>, else the clientInfo entity's.</summary>
    public string? GetLocale() => Locale ?? GetClientInfo()?.Locale;

    /// <summary>True when the bot itself is among <see cref="MembersAdded"/>.</summary>
    public bool BotWasAdded() =>
        MembersAdded?.Any(m => Recipient?.Id is not null && m.Id == Recipient.Id) ?? false;

    /// <summary>A reference to this conversation that a later proactive message can be sent through.</summary>
    public ConversationReference? GetConversationReference()
    {
        if (ServiceUrl is null || Conversation?.Id is null || From?.Id is null)
        {
            return null;
        }

        return new ConversationReference(
            ServiceUrl, ChannelId ?? "msteams", Conversation.Id, TenantId, From.Id, From.AadObjectId, Recipient?.Id);
    }

    /// <summary>Starts a message reply in this activity's conversation, addressed back to the sender.</summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        Conversation = Conversation is null ? null : new ConversationAccount { Id = Conversation.Id, TenantId = Conversation.TenantId, ConversationType = Conversation.ConversationType },
        From = Recipient,
        Recipient = From,
        ReplyToId = Id,
        Locale = Locale,
    };
}

/// <summary>Buttons under a message that send their value back as the user's own message when tapped.</summary>
public sealed class SuggestedActions
{
    [JsonPropertyName("actions")] public List<CardAction> Actions { get; set; } = [];

    /// <summary>Suggestions that post a message as the user: <c>imBack</c> buttons.</summary>
    public static SuggestedActions Replies(IEnumerable<(string Title, string Value)> replies) =>
        new() { Actions = replies.Select(r => new CardAction { Type = "imBack", Title = r.Title, Value = r.Value }).ToList() };
}

/// <summary>A button outside a card (suggested actions).</summary>
public sealed class CardAction
{
    [JsonPropertyName("type")] public string Type { get; set; } = "imBack";
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
}

/// <summary>A user or bot in a conversation.</summary>
public sealed class ChannelAccount
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("aadObjectId")] public string? AadObjectId { get; set; }
    [JsonPropertyName("role")] public string? Role { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The conversation an activity belongs to.</summary>
public sealed class ConversationAccount
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("isGroup")] public bool? IsGroup { get; set; }
    [JsonPropertyName("conversationType")] public string? ConversationType { get; set; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A card or file attached to a message.</summary>
public sealed class Attachment
{
    [JsonPropertyName("contentType")] public string? ContentType { get; set; }
    [JsonPropertyName("content")] public JsonNode? Content { get; set; }
    [JsonPropertyName("contentUrl")] public string? ContentUrl { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>An entity (mention, clientInfo, …); only <c>type</c> is typed.</summary>
public sealed class Entity
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The Teams-specific <c>channelData</c> fields we read.</summary>
public sealed class ChannelData
{
    [JsonPropertyName("tenant")] public IdHolder? Tenant { get; set; }
    [JsonPropertyName("team")] public IdHolder? Team { get; set; }
    [JsonPropertyName("channel")] public IdHolder? Channel { get; set; }
    [JsonPropertyName("eventType")] public string? EventType { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>An object whose only typed field is <c>id</c> (tenant, team, channel).</summary>
public sealed class IdHolder
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The client facts Teams sends in a <c>clientInfo</c> entity.</summary>
public sealed record ClientInfo(string? Locale, string? Country, string? Platform, string? Timezone)
{
    internal static ClientInfo From(Entity entity)
    {
        string? Read(string name) =>
            entity.Extra is not null && entity.Extra.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString() : null;
        return new ClientInfo(Read("locale"), Read("country"), Read("platform"), Read("timezone"));
    }
}

/// <summary>
/// Everything needed to message a user later, outside a turn: where (service URL, conversation)
/// and who (user and bot ids, tenant).
/// </summary>
public sealed record ConversationReference(
    string ServiceUrl,
    string ChannelId,
    string ConversationId,
    string? TenantId,
    string UserId,
    string? UserAadObjectId,
    string? BotId);
