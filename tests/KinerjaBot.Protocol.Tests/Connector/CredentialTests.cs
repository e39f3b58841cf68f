using KinerjaBot.Protocol.Connector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Protocol.Tests.Connector;

public sealed class CredentialTests
{
    [Theory]
    [InlineData(CredentialAuthTypes.ClientSecret, "app-id", true)]
    [InlineData(CredentialAuthTypes.Certificate, "app-id", true)]
    [InlineData(CredentialAuthTypes.UserManagedIdentity, "app-id", true)]
    [InlineData("clientsecret", "app-id", true)]
    [InlineData(CredentialAuthTypes.None, "app-id", false)]
    [InlineData("none", "app-id", false)]
    [InlineData(CredentialAuthTypes.ClientSecret, "", false)]
    [InlineData(CredentialAuthTypes.ClientSecret, " ", false)]
    [InlineData(CredentialAuthTypes.ClientSecret, null, false)]
    public void IsConfigured_AuthTypeAndAppId_TrueOnlyWithAppIdAndCredentials(string authType, string? appId, bool expected)
    {
        var provider = new MsalTokenProvider(new CredentialOptions { AuthType = authType, AppId = appId, ClientSecret = "s" });

        Assert.Equal(expected, provider.IsConfigured);
    }

    [Fact]
    public void IsConfigured_CertificateFileMissing_DoesNotTouchTheFile()
    {
        var provider = new MsalTokenProvider(new CredentialOptions
        {
            AuthType = CredentialAuthTypes.Certificate, AppId = "app-id", CertificatePath = "/nonexistent/bot.pfx",
        });

        Assert.True(provider.IsConfigured);
    }

    [Fact]
    public async Task GetToken_NotConfigured_Throws()
    {
        var provider = new MsalTokenProvider(new CredentialOptions { AuthType = CredentialAuthTypes.None, AppId = "app-id" });

        await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetTokenAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(null, "https://login.microsoftonline.com/botframework.com")]
    [InlineData("tenant-guid", "https://login.microsoftonline.com/tenant-guid")]
    public void AuthorityFor_TenantId_SingleTenantWhenGiven(string? tenantId, string expected)
    {
        Assert.Equal(expected, MsalTokenProvider.AuthorityFor(new CredentialOptions { TenantId = tenantId }));
    }

    [Theory]
    [InlineData(CredentialAuthTypes.ClientSecret, null, null, false)]
    [InlineData(CredentialAuthTypes.ClientSecret, "secret", null, true)]
    [InlineData(CredentialAuthTypes.Certificate, null, null, false)]
    [InlineData(CredentialAuthTypes.Certificate, null, "/etc/bot.pfx", true)]
    [InlineData(CredentialAuthTypes.UserManagedIdentity, null, null, true)]
    [InlineData("Password", "secret", null, false)]
    public void Validate_AuthTypeRequirements_FailsWhenCredentialMissing(string authType, string? secret, string? certificate, bool valid)
    {
        var options = new CredentialOptions { AppId = "app-id", AuthType = authType, ClientSecret = secret, CertificatePath = certificate };

        Assert.Equal(valid, new CredentialOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_NoAppIdWithoutSecret_SucceedsForLocalDevelopment()
    {
        Assert.True(new CredentialOptionsValidator().Validate(null, new CredentialOptions()).Succeeded);
    }

    [Theory]
    [InlineData(null, typeof(NoTokenProvider))]
    [InlineData("app-id", typeof(MsalTokenProvider))]
    public void AddBotConnector_Configuration_ResolvesClientAndMatchingTokenProvider(string? appId, Type expectedProvider)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bot:AppId"] = appId,
            ["Bot:ClientSecret"] = "secret",
            ["Bot:Connector:MaxAttempts"] = "2",
            ["Bot:Connector:TrustedHosts:0"] = "connector.contoso.example",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddBotConnector(configuration.GetSection("Bot"));
        using var provider = services.BuildServiceProvider();

        Assert.IsType<ConnectorClient>(provider.GetRequiredService<IConnectorClient>());
        Assert.IsType(expectedProvider, provider.GetRequiredService<IAccessTokenProvider>());
        var options = provider.GetRequiredService<IOptions<ConnectorOptions>>().Value;
        Assert.Equal(2, options.MaxAttempts);
        Assert.Contains("connector.contoso.example", options.TrustedHosts);
        Assert.Contains("smba.trafficmanager.net", options.TrustedHosts);
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }
}
