namespace KinerjaBot.Teams;

/// <summary>
/// What goes into the Teams app package besides the bot's id (<c>Bot:AppId</c>): section <c>TeamsApp</c>.
/// Only <see cref="Id"/> is required; the rest overrides what <c>manifest/manifest.json</c> says.
/// </summary>
public sealed class TeamsAppOptions
{
    public const string Section = "TeamsApp";

    /// <summary>The app's own id in the manifest (a GUID chosen once and kept: Teams treats a new id as a new app).</summary>
    public string? Id { get; set; }

    /// <summary>The package version, x.y.z; raise it for every upload of a changed package.</summary>
    public string? Version { get; set; }

    /// <summary>The bot's host name (no scheme), listed in validDomains; empty: none (a bot-only app needs none).</summary>
    public string? Domain { get; set; }

    /// <summary>Publisher shown in Teams, e.g. the agency; with its website, privacy and terms-of-use pages (https).</summary>
    public string? DeveloperName { get; set; }

    public string? WebsiteUrl { get; set; }

    public string? PrivacyUrl { get; set; }

    public string? TermsOfUseUrl { get; set; }
}
