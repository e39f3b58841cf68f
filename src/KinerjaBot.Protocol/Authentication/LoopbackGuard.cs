using System.Net;

namespace KinerjaBot.Protocol.Authentication;

/// <summary>Tells whether an address only reaches this machine, so unauthenticated mode cannot be exposed.</summary>
public static class LoopbackGuard
{
    /// <summary>
    /// True for <c>localhost</c>, 127.0.0.0/8 and ::1, given as a host, host:port or URL. Wildcards (<c>*</c>, <c>+</c>,
    /// 0.0.0.0) and other names are false: names are not resolved, because DNS could point them anywhere.
    /// </summary>
    public static bool IsLoopback(string urlOrHost)
    {
        if (string.IsNullOrWhiteSpace(urlOrHost))
        {
            return false;
        }

        var host = ExtractHost(urlOrHost.Trim());
        if (host is null)
        {
            return false;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address);
    }

    private static string? ExtractHost(string value)
    {
        if (value.Contains("://", StringComparison.Ordinal))
        {
            // Kestrel's wildcard forms (http://+:80, http://*:80) are not valid URIs and fall out here.
            return Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri.IdnHost.Trim('[', ']') : null;
        }

        if (value.StartsWith('['))
        {
            var end = value.IndexOf(']', StringComparison.Ordinal);
            return end > 0 ? value[1..end] : null;
        }

        // A bare IPv6 address has several colons; host:port has exactly one.
        var colons = value.Count(c => c == ':');
        return colons == 1 ? value[..value.IndexOf(':', StringComparison.Ordinal)] : value;
    }
}
