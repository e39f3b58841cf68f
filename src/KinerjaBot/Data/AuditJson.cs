using System.Text.Encodings.Web;
using System.Text.Json;

namespace KinerjaBot.Data;

internal static class AuditJson
{
    // Audit values are free text from users; relaxed escaping keeps them readable, never rendered as HTML.
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
