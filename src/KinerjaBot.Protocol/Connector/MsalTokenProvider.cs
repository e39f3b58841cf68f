using System.Security.Cryptography.X509Certificates;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace KinerjaBot.Protocol.Connector;

/// <summary>
/// Client-credential tokens for the Bot Connector through MSAL: a confidential client (secret or
/// certificate) or a user-assigned managed identity. MSAL keeps the token in its in-memory cache and
/// renews it before expiry, so this must be a singleton and callers can ask for a token on every call.
/// </summary>
public sealed class MsalTokenProvider : IAccessTokenProvider
{
    private const string MultiTenantAuthority = "botframework.com";

    private readonly CredentialOptions _options;

    // Built on first use: constructing the provider must not read certificate files or fail in a
    // process that never sends proactively.
    private readonly Lazy<Func<CancellationToken, Task<AuthenticationResult>>> _acquire;

    public MsalTokenProvider(CredentialOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _acquire = new Lazy<Func<CancellationToken, Task<AuthenticationResult>>>(CreateAcquirer);
    }

    /// <inheritdoc />
    public bool IsConfigured => IsConfiguredFor(_options);

    /// <inheritdoc />
    public async Task<string> GetTokenAsync(CancellationToken ct)
    {
        if (!IsConfigured)
        {
            throw new InvalidOperationException("Bot credentials are not configured (AppId empty or AuthType None).");
        }

        var result = await _acquire.Value(ct).ConfigureAwait(false);
        return result.AccessToken;
    }

    internal static bool IsConfiguredFor(CredentialOptions options) =>
        !string.IsNullOrWhiteSpace(options.AppId) && !CredentialAuthTypes.Is(options.AuthType, CredentialAuthTypes.None);

    /// <summary>{AuthorityHost}/{TenantId}, single-tenant whenever a tenant is given (PROTOCOL.md §2).</summary>
    internal static string AuthorityFor(CredentialOptions options) =>
        $"{options.AuthorityHost.TrimEnd('/')}/{(string.IsNullOrWhiteSpace(options.TenantId) ? MultiTenantAuthority : options.TenantId)}";

    private Func<CancellationToken, Task<AuthenticationResult>> CreateAcquirer()
    {
        string[] scopes = [_options.Scope];
        if (CredentialAuthTypes.Is(_options.AuthType, CredentialAuthTypes.UserManagedIdentity))
        {
            var clientId = string.IsNullOrWhiteSpace(_options.ManagedIdentityClientId) ? _options.AppId! : _options.ManagedIdentityClientId;
            var identity = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(clientId)).Build();
            return ct => identity.AcquireTokenForManagedIdentity(_options.Scope).ExecuteAsync(ct);
        }

        var builder = ConfidentialClientApplicationBuilder.Create(_options.AppId).WithAuthority(AuthorityFor(_options));
        builder = CredentialAuthTypes.Is(_options.AuthType, CredentialAuthTypes.Certificate)
            ? builder.WithCertificate(LoadCertificate(_options))
            : builder.WithClientSecret(_options.ClientSecret);
        var app = builder.Build();
        return ct => app.AcquireTokenForClient(scopes).ExecuteAsync(ct);
    }

    private static X509Certificate2 LoadCertificate(CredentialOptions options)
    {
        var path = options.CertificatePath
            ?? throw new InvalidOperationException("AuthType Certificate needs CertificatePath.");
        if (path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrEmpty(options.CertificatePassword)
                ? X509Certificate2.CreateFromPemFile(path)
                : X509Certificate2.CreateFromEncryptedPemFile(path, options.CertificatePassword);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
    }
}
