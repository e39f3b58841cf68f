using KinerjaBot.Protocol.Activities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace KinerjaBot.Protocol.Authentication;

/// <summary>
/// Validates the bearer token on an inbound activity the way the Bot Framework SDKs do (PROTOCOL.md §1).
/// Register one instance: it caches the OpenID metadata and signing keys per metadata URL.
/// </summary>
public sealed partial class BotTokenValidator
{
    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    // Shared when the host passes no client: one long-lived client per process avoids socket exhaustion.
    private static readonly HttpClient DefaultHttpClient = new() { Timeout = TimeSpan.FromSeconds(20) };

    private readonly JsonWebTokenHandler _handler = new();
    private readonly string _appId;
    private readonly string[] _audiences;
    private readonly bool _allowAnonymous;
    private readonly TimeSpan _clockSkew;
    private readonly string[] _requiredEndorsements;
    private readonly BotIssuers _issuers;
    private readonly SigningKeySource _connectorKeys;
    private readonly SigningKeySource _entraKeys;
    private readonly TimeProvider _time;
    private readonly TrustedServiceUrls? _trustedServiceUrls;

    /// <summary>Creates the validator. Options are copied; <paramref name="trustedServiceUrls"/> receives the
    /// service URL of every validated Bot Connector token.</summary>
    public BotTokenValidator(
        BotAuthenticationOptions options,
        HttpClient? httpClient = null,
        TimeProvider? time = null,
        TrustedServiceUrls? trustedServiceUrls = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ClockSkew, TimeSpan.Zero);
        RequireMetadataUrl(options.BotConnectorMetadataUrl, options.AllowHttpMetadata);
        RequireMetadataUrl(options.EntraMetadataUrl, options.AllowHttpMetadata);

        _appId = options.AppId?.Trim() ?? "";
        _audiences = [_appId, $"api://{_appId}", $"api://botid-{_appId}"];
        _allowAnonymous = options.DangerouslyAllowUnauthenticatedRequests;
        _clockSkew = options.ClockSkew;
        _requiredEndorsements = [.. options.RequiredEndorsements.Where(e => !string.IsNullOrWhiteSpace(e))];
        _issuers = new BotIssuers(options.TenantId);
        _time = time ?? TimeProvider.System;
        _trustedServiceUrls = trustedServiceUrls;

        var retriever = new HttpDocumentRetriever(httpClient ?? DefaultHttpClient) { RequireHttps = !options.AllowHttpMetadata };
        _connectorKeys = new SigningKeySource(options.BotConnectorMetadataUrl, retriever, _time);
        _entraKeys = new SigningKeySource(options.EntraMetadataUrl, retriever, _time);
    }

    /// <summary>
    /// Checks the request's Authorization header against the activity it carries. Never throws for a bad or
    /// missing token or unreachable metadata; only cancellation of <paramref name="ct"/> propagates.
    /// </summary>
    public async Task<BotAuthenticationResult> ValidateAsync(string? authorizationHeader, Activity activity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(activity);

        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            if (_allowAnonymous)
            {
                return BotAuthenticationResult.Anonymous();
            }

            return BotAuthenticationResult.Failed(_appId.Length == 0 ? FailureReasons.NotConfigured : FailureReasons.MissingHeader);
        }

        // Without an app id there is no audience to check, so even dangerous mode cannot accept a token.
        if (_appId.Length == 0)
        {
            return BotAuthenticationResult.Failed(FailureReasons.NotConfigured);
        }

        try
        {
            return await ValidateTokenAsync(authorizationHeader, activity, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception)
        {
            // Fail closed: the caller answers 401 rather than 500 whatever went wrong.
            return BotAuthenticationResult.Failed(FailureReasons.InvalidToken);
        }
    }

    private async Task<BotAuthenticationResult> ValidateTokenAsync(string header, Activity activity, CancellationToken ct)
    {
        if (!TryReadBearer(header, out var token))
        {
            return BotAuthenticationResult.Failed(FailureReasons.NotBearer);
        }

        if (!TryParse(token, out var jwt))
        {
            return BotAuthenticationResult.Failed(FailureReasons.Malformed);
        }

        // Checked before anything else so "none" and HMAC-with-the-public-key tricks never reach key handling.
        if (!AllowedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return BotAuthenticationResult.Failed(FailureReasons.AlgorithmNotAllowed);
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return BotAuthenticationResult.Failed(FailureReasons.MissingKeyId);
        }

        if (_issuers.Classify(jwt.Issuer) is not { } source)
        {
            return BotAuthenticationResult.Failed(FailureReasons.UnknownIssuer);
        }

        var keys = source == TokenSource.BotConnector ? _connectorKeys : _entraKeys;
        SigningKeyMatch? match;
        try
        {
            match = await keys.FindAsync(jwt.Kid, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Network failure, timeout, http refused, or a document that does not parse.
            return BotAuthenticationResult.Failed(FailureReasons.MetadataUnavailable);
        }

        if (match is null)
        {
            return BotAuthenticationResult.Failed(FailureReasons.UnknownKey);
        }

        var result = await _handler.ValidateTokenAsync(jwt, Parameters(source, match.Key)).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return BotAuthenticationResult.Failed(ReasonFor(result.Exception));
        }

        var rejection = CheckEndorsements(match.Endorsements, source, activity.ChannelId)
            ?? (source == TokenSource.BotConnector ? CheckServiceUrl(jwt, activity) : CheckEntraApp(jwt));
        if (rejection is not null)
        {
            return BotAuthenticationResult.Failed(rejection);
        }

        if (source == TokenSource.BotConnector
            && jwt.TryGetPayloadValue<string>("serviceurl", out var serviceUrl)
            && TrustedServiceUrls.TryNormalize(serviceUrl, out _))
        {
            _trustedServiceUrls?.Trust(serviceUrl);
        }

        return BotAuthenticationResult.Success(result.ClaimsIdentity);
    }

    private TokenValidationParameters Parameters(TokenSource source, SecurityKey key) => new()
    {
        ValidIssuers = _issuers.For(source),
        ValidAudiences = _audiences,
        IssuerSigningKey = key,
        TryAllIssuerSigningKeys = false,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        LifetimeValidator = ValidateLifetime,
        ValidAlgorithms = AllowedAlgorithms,
        AuthenticationType = "Bearer",
    };

    private static bool TryReadBearer(string header, out string token)
    {
        const string Scheme = "Bearer ";
        var trimmed = header.Trim();
        token = trimmed.Length > Scheme.Length && trimmed.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? trimmed[Scheme.Length..].Trim()
            : "";
        return token.Length > 0;
    }

    private bool TryParse(string token, out JsonWebToken jwt)
    {
        jwt = null!;
        if (!_handler.CanReadToken(token))
        {
            return false;
        }

        try
        {
            jwt = new JsonWebToken(token);
            return !jwt.IsEncrypted;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Whoever serves the metadata decides which keys are trusted, so plain http is refused beyond this machine.</summary>
    private static void RequireMetadataUrl(string url, bool allowHttp)
    {
        var valid = Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp && LoopbackGuard.IsLoopback(url)));
        if (!valid)
        {
            throw new ArgumentException($"Metadata URL must be an absolute https URL (http only on loopback, when allowed): {url}", nameof(url));
        }
    }
}
