namespace KinerjaBot.Protocol.Authentication;

/// <summary>Settings for validating the bearer token on inbound activities.</summary>
/// <remarks><see cref="BotTokenValidator"/> copies these when it is constructed; later changes are not seen.</remarks>
public sealed class BotAuthenticationOptions
{
    /// <summary>The bot's Entra app (client) id. Tokens must be addressed to it.</summary>
    public string? AppId { get; set; }

    /// <summary>When set, tokens issued by this Entra tenant (v1 and v2 issuers) are accepted too.</summary>
    public string? TenantId { get; set; }

    /// <summary>OpenID metadata for tokens the Bot Connector service issues to the bot.</summary>
    public string BotConnectorMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>OpenID metadata for Entra-issued tokens (Emulator, skills, configured tenant).</summary>
    public string EntraMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>
    /// Lets requests without an Authorization header through as anonymous. Local development only: the host must
    /// refuse it unless it listens on loopback (<see cref="LoopbackGuard"/>). A header that is present is still validated.
    /// </summary>
    public bool DangerouslyAllowUnauthenticatedRequests { get; set; }

    /// <summary>Tolerance for clock differences when checking <c>nbf</c> and <c>exp</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Endorsements the signing key must carry in addition to the activity's channel id.</summary>
    public List<string> RequiredEndorsements { get; set; } = [];

    /// <summary>Allows metadata over plain http, and only from a loopback address (tests).</summary>
    public bool AllowHttpMetadata { get; set; }
}
