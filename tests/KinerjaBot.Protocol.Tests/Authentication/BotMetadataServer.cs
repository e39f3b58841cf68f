using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KinerjaBot.Protocol.Tests.Authentication;

/// <summary>
/// A real Kestrel server on loopback standing in for login.botframework.com and login.microsoftonline.com:
/// two OpenID metadata documents and their JWKS, with keys generated for this run.
/// </summary>
public sealed class BotMetadataServer : IAsyncLifetime
{
    private readonly object _gate = new();
    private readonly List<TestKey> _connectorKeys = [];
    private readonly List<TestKey> _entraKeys = [];
    private WebApplication? _app;
    private int _connectorMetadataHits;

    /// <summary>Endorsed for Teams: what real Teams traffic is signed with.</summary>
    public TestKey TeamsKey { get; } = new("connector-msteams", "msteams");

    /// <summary>Published by the Bot Connector but endorsed for nothing.</summary>
    public TestKey UnendorsedKey { get; } = new("connector-bare");

    /// <summary>Endorsed for another channel only.</summary>
    public TestKey WebChatKey { get; } = new("connector-webchat", "webchat");

    public TestKey EntraKey { get; } = new("entra-1");

    /// <summary>Never published; used to forge signatures.</summary>
    public TestKey RogueKey { get; } = new("rogue");

    public string BaseUrl { get; private set; } = "";

    public string ConnectorMetadataUrl => $"{BaseUrl}/botframework/v1/.well-known/openidconfiguration";

    public string EntraMetadataUrl => $"{BaseUrl}/common/v2.0/.well-known/openid-configuration";

    public int ConnectorMetadataHits => Volatile.Read(ref _connectorMetadataHits);

    /// <summary>Simulates a signing key rollover at the Bot Connector; the server owns the new key.</summary>
    public TestKey PublishConnectorKey(string kid, params string[] endorsements)
    {
        var key = new TestKey(kid, endorsements);
        lock (_gate)
        {
            _connectorKeys.Add(key);
        }

        return key;
    }

    public async Task InitializeAsync()
    {
        _connectorKeys.AddRange([TeamsKey, UnendorsedKey, WebChatKey]);
        _entraKeys.Add(EntraKey);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();

        _app.MapGet("/botframework/v1/.well-known/openidconfiguration", () =>
        {
            Interlocked.Increment(ref _connectorMetadataHits);
            return Metadata("https://api.botframework.com", $"{BaseUrl}/botframework/v1/keys");
        });
        _app.MapGet("/botframework/v1/keys", () => Jwks(_connectorKeys));
        _app.MapGet("/common/v2.0/.well-known/openid-configuration", () =>
            Metadata("https://login.microsoftonline.com/{tenantid}/v2.0", $"{BaseUrl}/common/discovery/v2.0/keys"));
        _app.MapGet("/common/discovery/v2.0/keys", () => Jwks(_entraKeys));

        await _app.StartAsync();
        BaseUrl = _app.Urls.Single().TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        foreach (var key in _connectorKeys.Concat(_entraKeys).Append(RogueKey))
        {
            key.Dispose();
        }
    }

    private static IResult Metadata(string issuer, string jwksUri) => Results.Text(
        new JsonObject
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = jwksUri,
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }.ToJsonString(),
        "application/json");

    private IResult Jwks(List<TestKey> keys)
    {
        lock (_gate)
        {
            var json = new JsonObject { ["keys"] = new JsonArray([.. keys.Select(k => k.ToJwk())]) };
            return Results.Text(json.ToJsonString(), "application/json");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BotMetadataCollection : ICollectionFixture<BotMetadataServer>
{
    public const string Name = "Bot metadata server";
}
