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
    /// missing token or unreachable metadata; only cancellation of <paramref name="ct"/> and a failure to record
    /// the vouched service URL in the host's <see cref="IVouchedServiceUrlStore"/> propagate.
    /// </summary>
    public async Task<BotAuthenticationResult> ValidateAsync(string? authorizationHeader, Activity activity, CancellationToken ct) =>
        await BindAsync(await CheckTokenAsync(authorizationHeader, ct).ConfigureAwait(false), activity, ct).ConfigureAwait(false);

    /// <summary>
    /// The checks that need no activity (header, signature, issuer, audience, lifetime), so a request without a
    /// valid token can be refused before its body is read. Never throws except for cancellation.
    /// </summary>
    public async Task<BotTokenCheck> CheckTokenAsync(string? authorizationHeader, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            if (_allowAnonymous)
            {
                return BotTokenCheck.Done(BotAuthenticationResult.Anonymous());
            }

            return BotTokenCheck.Done(BotAuthenticationResult.Failed(_appId.Length == 0 ? FailureReasons.NotConfigured : FailureReasons.MissingHeader));
        }

        // Without an app id there is no audience to check, so even dangerous mode cannot accept a token.
        if (_appId.Length == 0)
        {
            return BotTokenCheck.Done(BotAuthenticationResult.Failed(FailureReasons.NotConfigured));
        }

        try
        {
            return await CheckBearerAsync(authorizationHeader, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception)
        {
            // Fail closed: the caller answers 401 rather than 500 whatever went wrong.
            return BotTokenCheck.Done(BotAuthenticationResult.Failed(FailureReasons.InvalidToken));
        }
    }

    /// <summary>
    /// Binds a token that passed <see cref="CheckTokenAsync"/> to the activity it carries (channel endorsement,
    /// <c>serviceurl</c> claim, Entra app), and trusts the service URL it vouches for. Throws only as
    /// <see cref="ValidateAsync"/> does.
    /// </summary>
    public async Task<BotAuthenticationResult> BindAsync(BotTokenCheck token, Activity activity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(activity);
        if (token.Outcome is { } outcome)
        {
            return outcome;
        }

        var jwt = token.Token!;
        var rejection = CheckEndorsements(token.Endorsements, token.Source, activity.ChannelId)
            ?? (token.Source == TokenSource.BotConnector ? CheckServiceUrl(jwt, activity) : CheckEntraApp(jwt));
        if (rejection is not null)
        {
            return BotAuthenticationResult.Failed(rejection);
        }

        // A store that cannot be written is our failure, not a bad token: it propagates, the request fails and the
        // channel retries it, rather than queue replies that no later process may send.
        if (token.Source == TokenSource.BotConnector
            && _trustedServiceUrls is not null
            && jwt.TryGetPayloadValue<string>("serviceurl", out var serviceUrl)
            && TrustedServiceUrls.TryNormalize(serviceUrl, out _))
        {
            await _trustedServiceUrls.TrustAsync(serviceUrl, ct).ConfigureAwait(false);
        }

        return BotAuthenticationResult.Success(token.Identity!);
    }

    private async Task<BotTokenCheck> CheckBearerAsync(string header, CancellationToken ct)
    {
        if (!TryReadBearer(header, out var token))
        {
            return BotTokenCheck.Failed(FailureReasons.NotBearer);
        }

        if (!TryParse(token, out var jwt))
        {
            return BotTokenCheck.Failed(FailureReasons.Malformed);
        }

        // Checked before anything else so "none" and HMAC-with-the-public-key tricks never reach key handling.
        if (!AllowedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return BotTokenCheck.Failed(FailureReasons.AlgorithmNotAllowed);
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return BotTokenCheck.Failed(FailureReasons.MissingKeyId);
        }

        if (_issuers.Classify(jwt.Issuer) is not { } source)
        {
            return BotTokenCheck.Failed(FailureReasons.UnknownIssuer);
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
            return BotTokenCheck.Failed(FailureReasons.MetadataUnavailable);
        }

        if (match is null)
        {
            return BotTokenCheck.Failed(FailureReasons.UnknownKey);
        }

        var result = await _handler.ValidateTokenAsync(jwt, Parameters(source, match.Key)).ConfigureAwait(false);
        return result.IsValid
            ? BotTokenCheck.Valid(jwt, source, match.Endorsements, result.ClaimsIdentity)
            : BotTokenCheck.Failed(ReasonFor(result.Exception));
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
