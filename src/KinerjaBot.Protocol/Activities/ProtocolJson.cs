using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KinerjaBot.Protocol.Activities;

/// <summary>The one serializer context for every wire type (source-generated, no reflection).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(InvokeResponse))]
[JsonSerializable(typeof(AdaptiveCardInvokeValue))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;

/// <summary>Helpers over <see cref="ProtocolJsonContext"/>.</summary>
public static class ProtocolJson
{
    public static string Serialize(Activity activity) =>
        JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity);

    public static Activity? DeserializeActivity(string json) =>
        JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.Activity);
}
