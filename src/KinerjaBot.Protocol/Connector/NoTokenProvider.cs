namespace KinerjaBot.Protocol.Connector;

/// <summary>For local development against the Agents Playground, which neither sends nor expects tokens.</summary>
public sealed class NoTokenProvider : IAccessTokenProvider
{
    /// <inheritdoc />
    public bool IsConfigured => false;

    /// <inheritdoc />
    public Task<string> GetTokenAsync(CancellationToken ct) =>
        throw new InvalidOperationException("No bot credentials are configured, so there is no token to get.");
}
