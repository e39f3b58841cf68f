namespace KinerjaBot.Protocol.Connector;

/// <summary>Supplies the bearer token the Bot Connector expects on outbound calls.</summary>
public interface IAccessTokenProvider
{
    /// <summary>
    /// False in local development (no app id): calls then go out without <c>Authorization</c>,
    /// which the Agents Playground accepts and a real connector rejects.
    /// </summary>
    bool IsConfigured { get; }

    /// <summary>A current access token; implementations cache and renew it.</summary>
    Task<string> GetTokenAsync(CancellationToken ct);
}
