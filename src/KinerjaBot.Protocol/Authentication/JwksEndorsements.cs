using System.Text.Json;

namespace KinerjaBot.Protocol.Authentication;

/// <summary>
/// Reads the <c>endorsements</c> array of each key in a raw JWKS document. IdentityModel's key model does not
/// promise to keep unknown members, so the document is parsed here rather than trusted to survive conversion.
/// </summary>
internal static class JwksEndorsements
{
    /// <summary>Maps kid to its endorsements; keys without any are left out.</summary>
    public static IReadOnlyDictionary<string, string[]> Parse(string json)
    {
        var byKid = new Dictionary<string, string[]>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return byKid;
        }

        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object
                || !key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String
                || !key.TryGetProperty("endorsements", out var endorsements) || endorsements.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var values = endorsements.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String)
                .Select(e => e.GetString()!)
                .ToArray();

            // The first entry wins, matching the first-match key lookup used for the signature.
            if (values.Length > 0)
            {
                byKid.TryAdd(kid.GetString()!, values);
            }
        }

        return byKid;
    }
}
