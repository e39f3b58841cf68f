namespace KinerjaBot.Protocol.Authentication;

/// <summary>
/// Keeps the service URLs that validated tokens vouched for beyond this process, so messages queued before a
/// restart, or by another instance, still go where the channel itself said to send them. The host application
/// implements it over its database; without one, trust lasts as long as the process.
/// </summary>
public interface IVouchedServiceUrlStore
{
    /// <summary>Records <paramref name="serviceUrl"/> (already normalised); adding one that is there is not an error.</summary>
    Task AddAsync(string serviceUrl, CancellationToken ct);

    /// <summary>True when <paramref name="serviceUrl"/> (already normalised) was added, by any process.</summary>
    Task<bool> ContainsAsync(string serviceUrl, CancellationToken ct);
}
