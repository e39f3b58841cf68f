using KinerjaBot.Protocol.Connector;
using KinerjaBot.Protocol.Tests.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KinerjaBot.Tests.Support;

/// <summary>
/// A <see cref="BotApp"/> as it runs in production: authentication on, in the Production environment, checking
/// tokens against OpenID metadata and keys served by <see cref="BotMetadataServer"/> on loopback, and holding a
/// bearer token of its own for the connector (<see cref="BotTokens"/>), so every trust check on the way out applies.
/// </summary>
public static class AuthenticatedBot
{
    public static Dictionary<string, string?> Settings(BotMetadataServer server, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Environment"] = "Production",
            ["Bot:DangerouslyAllowUnauthenticatedRequests"] = "false",
            ["Bot:AppId"] = TokenFactory.AppId,
            ["Bot:AuthType"] = "None",
            ["Bot:BotConnectorMetadataUrl"] = server.ConnectorMetadataUrl,
            ["Bot:EntraMetadataUrl"] = server.EntraMetadataUrl,
            ["Bot:AllowHttpMetadata"] = "true",
            // The stand-in connectors are http on loopback: allowed, but only for URLs a token vouched for.
            ["Bot:Connector:AllowInsecureTrustedHttp"] = "true",
        };
        foreach (var (k, v) in more ?? [])
        {
            settings[k] = v;
        }

        return settings;
    }

    /// <summary>Starts the bot with authentication on; every request it is sent carries a valid token for its service URL.</summary>
    public static async Task<BotApp> StartAsync(BotMetadataServer server, BotTokens tokens, Dictionary<string, string?>? settings = null)
    {
        var app = await BotApp.StartAsync(Settings(server, settings), services: Credentials(tokens));
        app.Tokens = activity => ChannelToken(server, activity.ServiceUrl!, app.Time.GetUtcNow());
        return app;
    }

    /// <summary>Replaces the bot's credentials with <paramref name="tokens"/>.</summary>
    public static Action<IServiceCollection> Credentials(BotTokens tokens) => services =>
    {
        services.RemoveAll<IAccessTokenProvider>();
        services.AddSingleton<IAccessTokenProvider>(tokens);
    };

    /// <summary>What the Bot Connector would send with an activity from <paramref name="serviceUrl"/>, valid at <paramref name="now"/>.</summary>
    public static string ChannelToken(BotMetadataServer server, string serviceUrl, DateTimeOffset now) =>
        TokenFactory.Channel(server.TeamsKey.Credentials(), serviceUrl: serviceUrl, notBefore: now.AddMinutes(-5), expires: now.AddHours(1));
}

/// <summary>The bot's own bearer token for the connector; counts how often it was asked for.</summary>
public sealed class BotTokens : IAccessTokenProvider
{
    public const string Value = "the-bots-own-secret-token";

    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    public bool IsConfigured => true;

    public Task<string> GetTokenAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _requests);
        return Task.FromResult(Value);
    }
}
