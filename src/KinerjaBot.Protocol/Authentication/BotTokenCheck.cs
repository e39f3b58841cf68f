using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace KinerjaBot.Protocol.Authentication;

/// <summary>
/// The first half of <see cref="BotTokenValidator"/>: the token on its own, before the activity is read. Either a
/// final outcome (refused, or anonymous in development mode) or a token to bind to the activity.
/// </summary>
public sealed class BotTokenCheck
{
    private BotTokenCheck(BotAuthenticationResult? outcome, JsonWebToken? token, TokenSource source, IReadOnlyList<string> endorsements, ClaimsIdentity? identity) =>
        (Outcome, Token, Source, Endorsements, Identity) = (outcome, token, source, endorsements, identity);

    /// <summary>False when the request must be refused whatever its body says.</summary>
    public bool Passed => Outcome is null || Outcome.Succeeded;

    /// <summary>True when there is no token and development mode lets the request through.</summary>
    public bool IsAnonymous => Outcome?.IsAnonymous == true;

    /// <summary>Why the token was refused; null when it passed.</summary>
    public string? FailureReason => Outcome?.FailureReason;

    internal BotAuthenticationResult? Outcome { get; }
    internal JsonWebToken? Token { get; }
    internal TokenSource Source { get; }
    internal IReadOnlyList<string> Endorsements { get; }
    internal ClaimsIdentity? Identity { get; }

    internal static BotTokenCheck Done(BotAuthenticationResult outcome) => new(outcome, null, default, [], null);

    internal static BotTokenCheck Failed(string reason) => Done(BotAuthenticationResult.Failed(reason));

    internal static BotTokenCheck Valid(JsonWebToken token, TokenSource source, IReadOnlyList<string> endorsements, ClaimsIdentity identity) =>
        new(null, token, source, endorsements, identity);
}
