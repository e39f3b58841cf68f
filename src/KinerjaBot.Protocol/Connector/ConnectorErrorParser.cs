using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaBot.Protocol.Activities;

namespace KinerjaBot.Protocol.Connector;

/// <summary>Reads the connector's error body, <c>{"error":{"code","message"}}</c>, as leniently as real responses need.</summary>
internal static class ConnectorErrorParser
{
    /// <summary>
    /// The code is the most specific one present: <c>subCode</c>, else <c>code</c>. Teams documents
    /// <c>subCode: MessageWritesBlocked</c> for a blocked bot, yet observed bodies carry it in
    /// <c>code</c>, in <c>subCode</c> or only inside <c>message</c>, so all three are checked for it.
    /// </summary>
    public static (string? Code, string? Message) Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        JsonObject? error;
        try
        {
            var root = JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.JsonNode) as JsonObject;
            error = root?["error"] as JsonObject ?? root;
        }
        catch (JsonException)
        {
            // A proxy's HTML page or plain text: no code, but the text still helps a human.
            return (null, Truncate(body));
        }

        var code = Text(error?["subCode"]) ?? Text(error?["code"]);
        var message = Text(error?["message"]);
        if (code != ConnectorErrorCodes.MessageWritesBlocked
            && message?.Contains(ConnectorErrorCodes.MessageWritesBlocked, StringComparison.OrdinalIgnoreCase) == true)
        {
            code = ConnectorErrorCodes.MessageWritesBlocked;
        }

        return (code, message is null ? null : Truncate(message));
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
