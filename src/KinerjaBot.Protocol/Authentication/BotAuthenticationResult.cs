using System.Security.Claims;

namespace KinerjaBot.Protocol.Authentication;

/// <summary>The outcome of validating an inbound request.</summary>
/// <param name="Succeeded">True when the request may be processed.</param>
/// <param name="Identity">The validated token's claims; an unauthenticated identity when anonymous; null on failure.</param>
/// <param name="FailureReason">A short reason safe to log (never token content); null on success.</param>
/// <param name="IsAnonymous">True when the request carried no token and unauthenticated requests are allowed.</param>
public sealed record BotAuthenticationResult(bool Succeeded, ClaimsIdentity? Identity, string? FailureReason, bool IsAnonymous)
{
    /// <summary>A request with a valid token.</summary>
    public static BotAuthenticationResult Success(ClaimsIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new(true, identity, null, false);
    }

    /// <summary>A request without a token, let through in development mode.</summary>
    // No authentication type, so IsAuthenticated stays false and nothing downstream mistakes it for a caller.
    public static BotAuthenticationResult Anonymous() => new(true, new ClaimsIdentity(), null, true);

    /// <summary>A rejected request.</summary>
    public static BotAuthenticationResult Failed(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(false, null, reason, false);
    }
}
