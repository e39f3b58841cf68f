using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KinerjaBot.Protocol.Activities;

/// <summary>The one serializer context for every wire type (source-generated, no reflection).</summary>
// Duplicate names are refused when reading: a JsonObject with a repeated key (say card data naming
// "entryId" twice) would otherwise parse and then throw on first access, deep inside a handler.
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    AllowDuplicateProperties = false)]
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
