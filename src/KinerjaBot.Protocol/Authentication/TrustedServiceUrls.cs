using System.Collections.Concurrent;

namespace KinerjaBot.Protocol.Authentication;

/// <summary>
/// Service URLs the Bot Connector vouched for in a validated token's <c>serviceurl</c> claim. The connector client
/// attaches its bearer token only to these (or allow-listed hosts), so a forged activity cannot make the bot send
/// its credentials to an attacker's server. With an <see cref="IVouchedServiceUrlStore"/> what was vouched for
/// outlives the process; the in-memory set is then only a cache of it.
/// </summary>
public sealed class TrustedServiceUrls(IVouchedServiceUrlStore? store = null)
{
    private readonly ConcurrentDictionary<string, byte> _urls = new(StringComparer.Ordinal);

    /// <summary>Marks a service URL as trusted, durably when there is a store (written before this returns).</summary>
    /// <exception cref="ArgumentException">The value is not an absolute http(s) URL.</exception>
    public async ValueTask TrustAsync(string serviceUrl, CancellationToken ct)
    {
        if (!TryNormalize(serviceUrl, out var key))
        {
            throw new ArgumentException("Expected an absolute http(s) URL.", nameof(serviceUrl));
        }

        if (_urls.ContainsKey(key))
        {
            return;
        }

        // Cached only once stored: a failed write is tried again by the next token for this URL.
        if (store is not null)
        {
            await store.AddAsync(key, ct).ConfigureAwait(false);
        }

        _urls.TryAdd(key, 0);
    }

    /// <summary>True when this service URL (compared without case or trailing slash) was trusted before, here or,
    /// with a store, by any process that shares it.</summary>
    public async ValueTask<bool> IsTrustedAsync(string serviceUrl, CancellationToken ct)
    {
        if (!TryNormalize(serviceUrl, out var key))
        {
            return false;
        }

        if (_urls.ContainsKey(key))
        {
            return true;
        }

        // A miss is not cached: a token may vouch for this URL on another instance a moment later.
        if (store is null || !await store.ContainsAsync(key, ct).ConfigureAwait(false))
        {
            return false;
        }

        _urls.TryAdd(key, 0);
        return true;
    }

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

        // Lower case as well, so a store compares the same way as the in-memory set.
        key = uri.GetLeftPart(UriPartial.Path).TrimEnd('/').ToLowerInvariant();
        return true;
    }
}
