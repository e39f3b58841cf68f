namespace KinerjaBot.Protocol.Connector;

/// <summary>
/// Vouches for service URLs outside <see cref="ConnectorOptions.TrustedHosts"/>. The host application
/// typically answers from the service URLs it has seen in validated inbound tokens (the
/// <c>serviceurl</c> claim), so a token only ever goes where the channel itself told us to send it.
/// </summary>
public interface IServiceUrlTrust
{
    /// <summary>True when a bearer token may be sent to <paramref name="serviceUrl"/>.</summary>
    ValueTask<bool> IsTrustedAsync(string serviceUrl, CancellationToken ct);
}

/// <summary>The default until the host registers its own: only the allow-list counts.</summary>
internal sealed class AllowListOnlyServiceUrlTrust : IServiceUrlTrust
{
    public ValueTask<bool> IsTrustedAsync(string serviceUrl, CancellationToken ct) => ValueTask.FromResult(false);
}
