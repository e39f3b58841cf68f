using KinerjaBot.Protocol.Connector;

namespace KinerjaBot.Protocol.Tests.Connector;

public sealed class ServiceUrlPolicyTests
{
    [Theory]
    [InlineData("smba.trafficmanager.net", true)]
    [InlineData("SMBA.TrafficManager.net", true)]
    [InlineData("botframework.com", true)]
    [InlineData("api.botframework.com", true)]
    [InlineData("smba.infra.gcc.teams.microsoft.com", true)]
    [InlineData("smba.infra.gov.teams.microsoft.us", true)]
    [InlineData("smba.infra.dod.teams.microsoft.us", true)]
    [InlineData("teams.microsoft.com", true)]
    [InlineData("evilbotframework.com", false)]
    [InlineData("botframework.com.evil.example", false)]
    [InlineData("other.trafficmanager.net", false)]
    [InlineData("a.smba.trafficmanager.net", false)]
    [InlineData("graph.microsoft.com", false)]
    [InlineData("localhost", false)]
    public void IsAllowListed_DefaultHosts_MatchesExactAndWildcardEntries(string host, bool expected)
    {
        Assert.Equal(expected, ServiceUrlPolicy.IsAllowListed(host, ConnectorOptions.DefaultTrustedHosts));
    }

    [Fact]
    public async Task MayReceiveToken_ExtraConfiguredHost_IsTrusted()
    {
        var options = new ConnectorOptions();
        options.TrustedHosts.Add("connector.contoso.example");
        var uri = new Uri("https://connector.contoso.example/");

        Assert.True(await ServiceUrlPolicy.MayReceiveTokenAsync(uri, uri.AbsoluteUri, options, new FakeServiceUrlTrust(false), CancellationToken.None));
    }

    [Fact]
    public async Task MayReceiveToken_TrustedNonLoopbackHttpWithOptIn_IsRefused()
    {
        var options = new ConnectorOptions { AllowInsecureTrustedHttp = true };
        var uri = new Uri("http://connector.contoso.example/");

        Assert.False(await ServiceUrlPolicy.MayReceiveTokenAsync(uri, uri.AbsoluteUri, options, new FakeServiceUrlTrust(true), CancellationToken.None));
    }
}
