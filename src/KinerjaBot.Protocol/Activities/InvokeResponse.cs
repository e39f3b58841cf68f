using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KinerjaBot.Protocol.Activities;

/// <summary>
/// The synchronous answer to an invoke: sent as HTTP 200 with body <c>{statusCode, type, value}</c>
/// (the Universal Actions contract), so the status here is the body's <c>statusCode</c>.
/// </summary>
public sealed class InvokeResponse
{
    [JsonPropertyName("statusCode")] public int StatusCode { get; init; } = 200;
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("value")] public JsonNode? Value { get; init; }

    /// <summary>Replace the card the user acted on with <paramref name="card"/>.</summary>
    public static InvokeResponse Card(JsonNode card) =>
        new() { StatusCode = 200, Type = ContentTypes.AdaptiveCard, Value = card };

    /// <summary>Show a short message instead of changing the card.</summary>
    public static InvokeResponse Message(string text) =>
        new() { StatusCode = 200, Type = ContentTypes.ActivityMessage, Value = JsonValue.Create(text) };

    /// <summary>An error the client shows; <paramref name="statusCode"/> is 400 or 500.</summary>
    public static InvokeResponse Error(int statusCode, string code, string message) => new()
    {
        StatusCode = statusCode,
        Type = ContentTypes.Error,
        Value = new JsonObject { ["code"] = code, ["message"] = message },
    };
}

/// <summary>The <c>value</c> of an <c>adaptiveCard/action</c> invoke.</summary>
public sealed class AdaptiveCardInvokeValue
{
    [JsonPropertyName("action")] public AdaptiveCardInvokeAction? Action { get; set; }
    [JsonPropertyName("trigger")] public string? Trigger { get; set; }
}

/// <summary>The action part of an <c>adaptiveCard/action</c> invoke: the verb and the merged data and inputs.</summary>
public sealed class AdaptiveCardInvokeAction
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("verb")] public string? Verb { get; set; }
    [JsonPropertyName("data")] public JsonObject? Data { get; set; }
}

/// <summary>What the connector answers to a send or an update.</summary>
public sealed class ResourceResponse
{
    [JsonPropertyName("id")] public string? Id { get; set; }
}

/// <summary>What the connector answers to a create-conversation call.</summary>
public sealed class ConversationResourceResponse
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("activityId")] public string? ActivityId { get; set; }
    [JsonPropertyName("serviceUrl")] public string? ServiceUrl { get; set; }
}

/// <summary>The body of a create-conversation call.</summary>
public sealed class ConversationParameters
{
    [JsonPropertyName("isGroup")] public bool IsGroup { get; set; }
    [JsonPropertyName("bot")] public ChannelAccount? Bot { get; set; }
    [JsonPropertyName("members")] public List<ChannelAccount>? Members { get; set; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; set; }
    [JsonPropertyName("activity")] public Activity? Activity { get; set; }
    [JsonPropertyName("channelData")] public ChannelData? ChannelData { get; set; }
}

/// <summary>The connector's error body: <c>{"error":{"code","message"}}</c>.</summary>
public sealed class ErrorResponse
{
    [JsonPropertyName("error")] public ErrorDetail? Error { get; set; }
}

public sealed class ErrorDetail
{
    [JsonPropertyName("code")] public string? Code { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
}
