namespace KinerjaBot.Protocol.Connector;

/// <summary>How the bot proves its identity to the Bot Connector (PROTOCOL.md §2, "Token").</summary>
public sealed class CredentialOptions
{
    /// <summary>The bot's Entra app (client) id; empty means local development without tokens.</summary>
    public string? AppId { get; set; }

    /// <summary>The bot's tenant: set it for a single-tenant bot; empty falls back to the multi-tenant <c>botframework.com</c> authority.</summary>
    public string? TenantId { get; set; }

    /// <summary>One of <see cref="CredentialAuthTypes"/>.</summary>
    public string AuthType { get; set; } = CredentialAuthTypes.ClientSecret;

    public string? ClientSecret { get; set; }

    /// <summary>A PKCS#12 (.pfx/.p12) file, or a .pem file holding the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>The user-assigned managed identity's client id; defaults to <see cref="AppId"/>, which is how such bots are registered.</summary>
    public string? ManagedIdentityClientId { get; set; }

    public string Scope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>The Entra login host; <c>https://login.microsoftonline.us</c> in the US government clouds.</summary>
    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com";
}

/// <summary>The values of <see cref="CredentialOptions.AuthType"/> (compared case-insensitively).</summary>
public static class CredentialAuthTypes
{
    public const string ClientSecret = "ClientSecret";
    public const string Certificate = "Certificate";
    public const string UserManagedIdentity = "UserManagedIdentity";

    /// <summary>No credentials: outbound calls carry no token (local development only).</summary>
    public const string None = "None";

    internal static bool Is(string? value, string authType) => string.Equals(value, authType, StringComparison.OrdinalIgnoreCase);
}
