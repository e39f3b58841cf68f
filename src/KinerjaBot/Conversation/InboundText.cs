using System.Text.Json.Nodes;
using KinerjaBot.Infrastructure.Text;
using KinerjaBot.Protocol.Activities;

namespace KinerjaBot.Conversation;

/// <summary>
/// What an activity brings in, made storable before anything reads it (the limits are the columns' of
/// <c>conversation_refs</c>). Identifiers that do not fit are refused, since a cut id would name someone
/// else or nothing; display values (name, locale, time zone) are cleaned and cut at a character boundary;
/// typed text and card inputs lose their control characters (NUL fails a PostgreSQL save).
/// </summary>
public static partial class InboundText
{
    public const int MaxUserId = 256;
    public const int MaxAadObjectId = 64;
    public const int MaxServiceUrl = 512;
    public const int MaxConversationId = 512;
    public const int MaxChannelId = 64;
    public const int MaxTenantId = 64;
    public const int MaxBotId = 256;
    public const int MaxUserName = 256;
    public const int MaxLocale = 32;
    public const int MaxTimeZone = 64;

    /// <summary>
    /// Cleans <paramref name="activity"/> in place and returns false; or, when one of its identifiers cannot be
    /// stored, returns true with the answer (a 400 for an invoke; nothing otherwise: an id that cannot be
    /// stored cannot be answered either, since replies go out through the stored reference).
    /// </summary>
    public static bool Refuses(Activity activity, ILogger logger, out InvokeResponse? response)
    {
        var field = Sanitise(activity);
        response = null;
        if (field is null)
        {
            return false;
        }

        LogUnstorable(logger, activity.Type, field);
        if (activity.Type == ActivityTypes.Invoke)
        {
            response = InvokeResponse.Error(400, "BadRequest", $"The activity's {field} is too long or contains control characters.");
        }

        return true;
    }

    /// <summary>Cleans <paramref name="activity"/> in place; the name of the first identifier that cannot be stored, or null.</summary>
    public static string? Sanitise(Activity activity)
    {
        var refused = Refused(activity);
        if (refused is not null)
        {
            return refused;
        }

        if (activity.From is { } from)
        {
            from.Name = StoredText.Fit(from.Name, MaxUserName, multiline: false);
        }

        // Set even when it came from clientInfo: GetLocale/GetTimeZone prefer these fields.
        activity.Locale = StoredText.Fit(activity.GetLocale(), MaxLocale, multiline: false);
        activity.LocalTimezone = StoredText.Fit(activity.GetTimeZone(), MaxTimeZone, multiline: false);
        if (activity.Text is not null)
        {
            activity.Text = StoredText.Sanitise(activity.Text);
        }

        if (activity.Value is not null)
        {
            activity.Value = Clean(activity.Value);
        }

        return null;
    }

    private static string? Refused(Activity activity)
    {
        if (activity.From?.Id is { } userId && !StoredText.IsIdentifier(userId, MaxUserId))
        {
            return "from.id";
        }

        return activity.From?.AadObjectId is { } aad && !StoredText.IsIdentifier(aad, MaxAadObjectId) ? "from.aadObjectId"
            : activity.Conversation?.Id is { } conversation && !StoredText.IsIdentifier(conversation, MaxConversationId) ? "conversation.id"
            : activity.ServiceUrl is { } url && !StoredText.IsIdentifier(url, MaxServiceUrl) ? "serviceUrl"
            : activity.ChannelId is { } channel && !StoredText.IsIdentifier(channel, MaxChannelId) ? "channelId"
            : activity.TenantId is { } tenant && !StoredText.IsIdentifier(tenant, MaxTenantId) ? "tenant"
            : activity.Recipient?.Id is { } bot && !StoredText.IsIdentifier(bot, MaxBotId) ? "recipient.id"
            : null;
    }

    /// <summary>Card inputs are typed text: every string value anywhere in the payload is sanitised.</summary>
    private static JsonNode? Clean(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var value = obj[key];
                    var cleaned = Clean(value);
                    if (!ReferenceEquals(cleaned, value))
                    {
                        obj[key] = cleaned;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var value = array[i];
                    var cleaned = Clean(value);
                    if (!ReferenceEquals(cleaned, value))
                    {
                        array[i] = cleaned;
                    }
                }

                return array;
            case JsonValue value when value.TryGetValue(out string? s) && !StoredText.IsClean(s):
                return JsonValue.Create(StoredText.Sanitise(s));
            default:
                return node;
        }
    }

    [LoggerMessage(4090, LogLevel.Warning, "A {Type} activity was refused: its {Field} cannot be stored")]
    private static partial void LogUnstorable(ILogger logger, string type, string field);
}
