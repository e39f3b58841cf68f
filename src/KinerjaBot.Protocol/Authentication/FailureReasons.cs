namespace KinerjaBot.Protocol.Authentication;

/// <summary>The reasons <see cref="BotTokenValidator"/> reports; fixed strings so logs and tests can match them.</summary>
public static class FailureReasons
{
    public const string NotConfigured = "authentication not configured";
    public const string MissingHeader = "missing Authorization header";
    public const string NotBearer = "Authorization header is not a bearer token";
    public const string Malformed = "token is malformed";
    public const string AlgorithmNotAllowed = "signing algorithm not allowed";
    public const string MissingKeyId = "token has no key id";
    public const string UnknownIssuer = "unknown issuer";
    public const string MetadataUnavailable = "signing keys unavailable";
    public const string UnknownKey = "unknown signing key";
    public const string InvalidSignature = "invalid signature";
    public const string Expired = "token expired";
    public const string NotYetValid = "token not yet valid";
    public const string InvalidLifetime = "invalid token lifetime";
    public const string InvalidIssuer = "invalid issuer";
    public const string InvalidAudience = "invalid audience";
    public const string InvalidToken = "token validation failed";
    public const string ChannelNotEndorsed = "signing key not endorsed for this channel";
    public const string RequiredEndorsementMissing = "signing key lacks a required endorsement";
    public const string KeyNotEndorsed = "signing key has no endorsements";
    public const string ServiceUrlMissing = "token has no serviceurl claim";
    public const string ServiceUrlMismatch = "serviceurl claim does not match the activity";
    public const string UnknownTokenVersion = "unknown token version";
    public const string AppIdMismatch = "token was issued to another app";
}
