using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Authentication;

namespace KinerjaBot.Protocol.Tests.Authentication;

/// <summary>Builds a validator pointed at the loopback metadata server, with a fixed clock.</summary>
public abstract class ValidatorTestBase(BotMetadataServer server)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    protected BotMetadataServer Server { get; } = server;

    protected ManualClock Clock { get; } = new(TokenFactory.Now);

    protected TrustedServiceUrls Trusted { get; } = new();

    protected BotTokenValidator CreateValidator(Action<BotAuthenticationOptions>? configure = null)
    {
        var options = new BotAuthenticationOptions
        {
            AppId = TokenFactory.AppId,
            BotConnectorMetadataUrl = Server.ConnectorMetadataUrl,
            EntraMetadataUrl = Server.EntraMetadataUrl,
            AllowHttpMetadata = true,
        };
        configure?.Invoke(options);
        return new BotTokenValidator(options, Http, Clock, Trusted);
    }

    protected static Activity TeamsMessage(string? serviceUrl = TokenFactory.ServiceUrl) =>
        new() { Type = ActivityTypes.Message, ChannelId = "msteams", ServiceUrl = serviceUrl, Text = "halo" };

    protected static Activity EmulatorMessage() =>
        new() { Type = ActivityTypes.Message, ChannelId = "emulator", ServiceUrl = "http://localhost:56150", Text = "halo" };

    protected static Task<BotAuthenticationResult> ValidateAsync(BotTokenValidator validator, string token, Activity? activity = null) =>
        validator.ValidateAsync($"Bearer {token}", activity ?? TeamsMessage(), CancellationToken.None);

    protected static void AssertRejected(string expectedReason, BotAuthenticationResult result)
    {
        Assert.False(result.Succeeded);
        Assert.Null(result.Identity);
        Assert.Equal(expectedReason, result.FailureReason);
    }

    protected static void AssertAccepted(BotAuthenticationResult result)
    {
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.False(result.IsAnonymous);
        Assert.True(result.Identity?.IsAuthenticated);
    }
}
