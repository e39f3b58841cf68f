namespace KinerjaBot.Protocol.Authentication;

/// <summary>Which metadata a token is checked against, decided by its (not yet verified) issuer.</summary>
internal enum TokenSource
{
    BotConnector,
    Entra,
}

/// <summary>The issuers accepted on inbound tokens (PROTOCOL.md §1).</summary>
internal sealed class BotIssuers
{
    public const string BotConnector = "https://api.botframework.com";

    // Tenants whose tokens the Emulator, skills and agent-to-agent calls carry.
    private static readonly string[] EmulatorTenants =
    [
        "d6d49420-f39b-4df7-a1dc-d59a935871db",
        "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
        "cab8a31a-1906-4287-a0d8-4eef66b95f6e",
        "69e9b82d-4842-4902-8d1e-abc5b98a55e8",
    ];

    public BotIssuers(string? tenantId)
    {
        var tenants = EmulatorTenants.AsEnumerable();
        if (!string.IsNullOrWhiteSpace(tenantId))
        {
            tenants = tenants.Append(tenantId.Trim());
        }

        Entra = [.. tenants.SelectMany(TenantIssuers)];
    }

    public IReadOnlyList<string> ConnectorIssuers { get; } = [BotConnector];

    public IReadOnlyList<string> Entra { get; }

    /// <summary>Null for an issuer we do not accept, so it is turned away before any key is fetched.</summary>
    public TokenSource? Classify(string? issuer)
    {
        if (string.IsNullOrEmpty(issuer))
        {
            return null;
        }

        if (ConnectorIssuers.Contains(issuer, StringComparer.Ordinal))
        {
            return TokenSource.BotConnector;
        }

        return Entra.Contains(issuer, StringComparer.Ordinal) ? TokenSource.Entra : null;
    }

    public IReadOnlyList<string> For(TokenSource source) => source == TokenSource.BotConnector ? ConnectorIssuers : Entra;

    private static IEnumerable<string> TenantIssuers(string tenant) =>
        [$"https://sts.windows.net/{tenant}/", $"https://login.microsoftonline.com/{tenant}/v2.0"];
}
