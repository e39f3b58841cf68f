namespace KinerjaBot.Protocol.Connector;

/// <summary>Decides whether a service URL may receive the bot's bearer token (PROTOCOL.md §2, "Trust").</summary>
internal static class ServiceUrlPolicy
{
    public static async ValueTask<bool> MayReceiveTokenAsync(
        Uri serviceBase, string serviceUrl, ConnectorOptions options, IServiceUrlTrust trust, CancellationToken ct)
    {
        if (serviceBase.Scheme == Uri.UriSchemeHttps)
        {
            return IsAllowListed(serviceBase.IdnHost, options.TrustedHosts) || await trust.IsTrustedAsync(serviceUrl, ct).ConfigureAwait(false);
        }

        // Plain http shows the token to everyone on the path, so it is allowed only when explicitly
        // switched on, only to this machine, and only for a URL the host vouches for.
        return options.AllowInsecureTrustedHttp && serviceBase.IsLoopback && await trust.IsTrustedAsync(serviceUrl, ct).ConfigureAwait(false);
    }

    public static bool IsAllowListed(string host, IEnumerable<string> trustedHosts)
    {
        foreach (var entry in trustedHosts)
        {
            if (string.IsNullOrWhiteSpace(entry))
            {
                continue;
            }

            if (entry.StartsWith("*.", StringComparison.Ordinal))
            {
                // Keep the dot: "*.botframework.com" must not match "evilbotframework.com".
                if (host.Length > entry.Length - 1 && host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            else if (string.Equals(host, entry, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
