using System.Net;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Connector;

namespace KinerjaBot.Protocol.Tests.Connector;

public sealed class ConnectorClientTrustTests
{
    private static readonly Activity Hello = new() { Text = "halo" };

    private static StubHandler Ok() =>
        new((_, _) => new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("""{"id":"ok"}""") });

    [Fact]
    public async Task Send_AllowListedHttpsHost_AttachesBearerToken()
    {
        var handler = Ok();
        var trust = new FakeServiceUrlTrust(false);

        await Clients.Create(handler, new FakeTokenProvider("secret-token"), trust: trust)
            .SendToConversationAsync("https://smba.trafficmanager.net/amer/tenant/", "c", Hello, CancellationToken.None);

        var auth = Assert.Single(handler.Requests).Headers.Authorization;
        Assert.Equal("Bearer", auth?.Scheme);
        Assert.Equal("secret-token", auth?.Parameter);
    }

    [Fact]
    public async Task Send_HttpsHostTheHostTrusts_AttachesBearerToken()
    {
        var handler = Ok();
        var trust = new FakeServiceUrlTrust(true);

        await Clients.Create(handler, new FakeTokenProvider(), trust: trust)
            .SendToConversationAsync("https://connector.example.org/", "c", Hello, CancellationToken.None);

        Assert.NotNull(Assert.Single(handler.Requests).Headers.Authorization);
        Assert.Equal(["https://connector.example.org/"], trust.Asked);
    }

    [Theory]
    [InlineData("https://evil.example/amer/")]
    [InlineData("https://smba.trafficmanager.net.evil.example/amer/")]
    [InlineData("https://x.smba.trafficmanager.net/amer/")]
    [InlineData("http://smba.trafficmanager.net/amer/")]
    public async Task Send_UntrustedServiceUrl_ThrowsBeforeAnyRequestOrToken(string serviceUrl)
    {
        var handler = Ok();
        var tokens = new FakeTokenProvider();

        var ex = await Assert.ThrowsAsync<UntrustedServiceUrlException>(() =>
            Clients.Create(handler, tokens, trust: new FakeServiceUrlTrust(false))
                .SendToConversationAsync(serviceUrl, "c", Hello, CancellationToken.None));

        Assert.Equal(serviceUrl, ex.ServiceUrl);
        Assert.Empty(handler.Requests);
        Assert.Equal(0, tokens.Calls);
    }

    [Fact]
    public async Task Send_TrustedLoopbackHttpWithInsecureOptIn_ServerReceivesToken()
    {
        await using var server = await StandInConnector.StartAsync();
        var options = new ConnectorOptions { AllowInsecureTrustedHttp = true };

        await Clients.Create(tokens: new FakeTokenProvider("loopback-token"), options: options, trust: new FakeServiceUrlTrust(true))
            .SendToConversationAsync(server.ServiceUrl, "c", Hello, CancellationToken.None);

        Assert.Equal("Bearer loopback-token", Assert.Single(server.Received).Authorization);
    }

    [Fact]
    public async Task Send_TrustedLoopbackHttpWithoutOptIn_NoRequestReachesServer()
    {
        await using var server = await StandInConnector.StartAsync();

        await Assert.ThrowsAsync<UntrustedServiceUrlException>(() =>
            Clients.Create(tokens: new FakeTokenProvider(), trust: new FakeServiceUrlTrust(true))
                .SendToConversationAsync(server.ServiceUrl, "c", Hello, CancellationToken.None));

        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Send_UntrustedLoopbackHttpWithOptIn_NoRequestReachesServer()
    {
        await using var server = await StandInConnector.StartAsync();
        var options = new ConnectorOptions { AllowInsecureTrustedHttp = true };

        await Assert.ThrowsAsync<UntrustedServiceUrlException>(() =>
            Clients.Create(tokens: new FakeTokenProvider(), options: options, trust: new FakeServiceUrlTrust(false))
                .SendToConversationAsync(server.ServiceUrl, "c", Hello, CancellationToken.None));

        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Send_NoTokenProviderConfigured_SendsWithoutAuthorization()
    {
        await using var server = await StandInConnector.StartAsync();

        await Clients.Create(tokens: new NoTokenProvider()).SendToConversationAsync(server.ServiceUrl, "c", Hello, CancellationToken.None);

        Assert.Null(Assert.Single(server.Received).Authorization);
    }

    [Fact]
    public async Task Send_RetriedWithToken_AsksForTokenOnEveryAttempt()
    {
        var handler = new StubHandler((_, n) => new HttpResponseMessage(n == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.Created));
        var tokens = new FakeTokenProvider();

        await Clients.Create(handler, tokens).SendToConversationAsync("https://smba.trafficmanager.net/teams/", "c", Hello, CancellationToken.None);

        Assert.Equal(2, tokens.Calls);
        Assert.All(handler.Requests, r => Assert.NotNull(r.Headers.Authorization));
    }
}
