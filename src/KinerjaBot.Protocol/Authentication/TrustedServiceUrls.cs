using System.Collections.Concurrent;

namespace KinerjaBot.Protocol.Authentication;

/// <summary>
/// Service URLs the Bot Connector vouched for in a validated token's <c>serviceurl</c> claim. The connector client
/// attaches its bearer token only to these (or allow-listed hosts), so a forged activity cannot make the bot send
/// its credentials to an attacker's server.
/// </summary>
public sealed class TrustedServiceUrls
{
    private readonly ConcurrentDictionary<string, byte> _urls = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Marks a service URL as trusted.</summary>
    /// <exception cref="ArgumentException">The value is not an absolute http(s) URL.</exception>
    public void Trust(string serviceUrl)
    {
        if (!TryNormalize(serviceUrl, out var key))
        {
            throw new ArgumentException("Expected an absolute http(s) URL.", nameof(serviceUrl));
        }

        _urls.TryAdd(key, 0);
    }

    /// <summary>True when this service URL (compared without case or trailing slash) was trusted before.</summary>
    public bool IsTrusted(string serviceUrl) => TryNormalize(serviceUrl, out var key) && _urls.ContainsKey(key);

    /// <summary>One spelling per URL, because Teams and its tokens disagree on the trailing slash.</summary>
    internal static bool TryNormalize(string? serviceUrl, out string key)
    {
        key = "";
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return false;
        }

        key = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return true;
    }
}
