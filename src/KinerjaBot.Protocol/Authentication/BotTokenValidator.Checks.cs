using KinerjaBot.Protocol.Activities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KinerjaBot.Protocol.Authentication;

/// <summary>Checks on the token's lifetime and claims, beyond what IdentityModel itself enforces.</summary>
public sealed partial class BotTokenValidator
{
    /// <summary>Replaces the built-in check so the injected clock is used; IdentityModel reads the system clock.</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException(FailureReasons.InvalidLifetime);
        }

        if (notBefore is { } nbf && nbf > exp)
        {
            throw new SecurityTokenInvalidLifetimeException(FailureReasons.InvalidLifetime) { NotBefore = nbf, Expires = exp };
        }

        if (notBefore is { } start && start > now + _clockSkew)
        {
            throw new SecurityTokenNotYetValidException(FailureReasons.NotYetValid) { NotBefore = start };
        }

        if (exp < now - _clockSkew)
        {
            throw new SecurityTokenExpiredException(FailureReasons.Expired) { Expires = exp };
        }

        return true;
    }

    private string? CheckEndorsements(IReadOnlyList<string> endorsements, TokenSource source, string? channelId)
    {
        if (endorsements.Count == 0)
        {
            // Entra keys are never endorsed; a Bot Connector key always is, so a bare one is not trusted for channels.
            return source == TokenSource.Entra ? null : FailureReasons.KeyNotEndorsed;
        }

        if (channelId is null || !endorsements.Contains(channelId, StringComparer.Ordinal))
        {
            return FailureReasons.ChannelNotEndorsed;
        }

        return _requiredEndorsements.All(r => endorsements.Contains(r, StringComparer.Ordinal))
            ? null
            : FailureReasons.RequiredEndorsementMissing;
    }

    /// <summary>Binds the token to the activity: without this, a token captured from one conversation could carry
    /// an activity whose serviceUrl points the bot's replies (and bearer token) somewhere else.</summary>
    private static string? CheckServiceUrl(JsonWebToken jwt, Activity activity)
    {
        if (activity.ServiceUrl is null)
        {
            return null;
        }

        if (!jwt.TryGetPayloadValue<string>("serviceurl", out var claim) || string.IsNullOrEmpty(claim))
        {
            return FailureReasons.ServiceUrlMissing;
        }

        return string.Equals(claim, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase) ? null : FailureReasons.ServiceUrlMismatch;
    }

    /// <summary>An Entra token for our audience could have been requested by any app; only our own app id is accepted.</summary>
    private string? CheckEntraApp(JsonWebToken jwt)
    {
        jwt.TryGetPayloadValue<string>("ver", out var version);
        var appClaim = version switch
        {
            "1.0" => "appid",
            "2.0" => "azp",
            _ => null,
        };

        if (appClaim is null)
        {
            return FailureReasons.UnknownTokenVersion;
        }

        return jwt.TryGetPayloadValue<string>(appClaim, out var appId) && string.Equals(appId, _appId, StringComparison.Ordinal)
            ? null
            : FailureReasons.AppIdMismatch;
    }

    private static string ReasonFor(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => FailureReasons.Expired,
        SecurityTokenNotYetValidException => FailureReasons.NotYetValid,
        SecurityTokenInvalidLifetimeException or SecurityTokenNoExpirationException => FailureReasons.InvalidLifetime,
        SecurityTokenInvalidIssuerException => FailureReasons.InvalidIssuer,
        SecurityTokenInvalidAudienceException => FailureReasons.InvalidAudience,
        SecurityTokenInvalidAlgorithmException => FailureReasons.AlgorithmNotAllowed,
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => FailureReasons.InvalidSignature,
        _ => FailureReasons.InvalidToken,
    };
}
