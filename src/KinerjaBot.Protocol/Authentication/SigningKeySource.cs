using System.Diagnostics.CodeAnalysis;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace KinerjaBot.Protocol.Authentication;

/// <summary>A signing key found by kid, with the channels its publisher endorsed it for.</summary>
internal sealed record SigningKeyMatch(SecurityKey Key, IReadOnlyList<string> Endorsements);

/// <summary>The signing keys and endorsements published behind one OpenID metadata URL.</summary>
[SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim only needs disposing once AvailableWaitHandle is used, which it never is here; the source lives as long as the process.")]
internal sealed class SigningKeySource
{
    /// <summary>How often an unknown kid may force a metadata fetch, so forged kids cannot hammer the issuer.</summary>
    public static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly string _metadataUrl;
    private readonly IDocumentRetriever _retriever;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private volatile EndorsementSnapshot? _endorsements;
    private DateTimeOffset _lastForcedRefresh = DateTimeOffset.MinValue;

    public SigningKeySource(string metadataUrl, IDocumentRetriever retriever, TimeProvider time)
    {
        _metadataUrl = metadataUrl;
        _retriever = retriever;
        _time = time;
        _manager = CreateManager();
    }

    /// <summary>Null when no published key has this kid, even after a (rate-limited) refresh.</summary>
    public async Task<SigningKeyMatch?> FindAsync(string kid, CancellationToken ct)
    {
        var manager = _manager;
        var config = await manager.GetConfigurationAsync(ct).ConfigureAwait(false);
        var key = FindKey(config, kid);
        if (key is null)
        {
            var refreshed = await RefreshForUnknownKeyAsync(manager, ct).ConfigureAwait(false);
            if (refreshed is null)
            {
                return null;
            }

            config = refreshed;
            key = FindKey(config, kid);
            if (key is null)
            {
                return null;
            }
        }

        var endorsements = await GetEndorsementsAsync(config, ct).ConfigureAwait(false);
        return new SigningKeyMatch(key, endorsements.TryGetValue(kid, out var list) ? list : []);
    }

    private static SecurityKey? FindKey(OpenIdConnectConfiguration config, string kid) =>
        config.SigningKeys.FirstOrDefault(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal));

    /// <summary>
    /// Replaces the configuration manager with a fresh one and waits for its first fetch. RequestRefresh would only
    /// refresh in the background, so the request carrying the new kid would still fail during a key rollover.
    /// </summary>
    private async Task<OpenIdConnectConfiguration?> RefreshForUnknownKeyAsync(
        ConfigurationManager<OpenIdConnectConfiguration> seen, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!ReferenceEquals(seen, _manager))
            {
                // Another request refreshed while this one waited; its result is as fresh as ours would be.
                return await _manager.GetConfigurationAsync(ct).ConfigureAwait(false);
            }

            var now = _time.GetUtcNow();
            if (now - _lastForcedRefresh < UnknownKeyRefreshInterval)
            {
                return null;
            }

            _lastForcedRefresh = now;
            var fresh = CreateManager();
            var config = await fresh.GetConfigurationAsync(ct).ConfigureAwait(false);
            _manager = fresh; // only after success: stale keys beat no keys
            return config;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, string[]>> GetEndorsementsAsync(
        OpenIdConnectConfiguration config, CancellationToken ct)
    {
        // Tied to the configuration instance, so a refresh of the keys also refreshes their endorsements.
        if (_endorsements is { } cached && ReferenceEquals(cached.Config, config))
        {
            return cached.ByKid;
        }

        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_endorsements is { } again && ReferenceEquals(again.Config, config))
            {
                return again.ByKid;
            }

            var json = await _retriever.GetDocumentAsync(config.JwksUri, ct).ConfigureAwait(false);
            var byKid = JwksEndorsements.Parse(json);
            _endorsements = new EndorsementSnapshot(config, byKid);
            return byKid;
        }
        finally
        {
            _lock.Release();
        }
    }

    private ConfigurationManager<OpenIdConnectConfiguration> CreateManager() =>
        new(_metadataUrl, new OpenIdConnectConfigurationRetriever(), _retriever);

    private sealed record EndorsementSnapshot(OpenIdConnectConfiguration Config, IReadOnlyDictionary<string, string[]> ByKid);
}
