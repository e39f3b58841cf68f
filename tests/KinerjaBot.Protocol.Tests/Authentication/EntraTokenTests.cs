using KinerjaBot.Protocol.Authentication;

namespace KinerjaBot.Protocol.Tests.Authentication;

/// <summary>Entra-issued tokens: the Emulator and skills, and the bot's own tenant when configured.</summary>
[Collection(BotMetadataCollection.Name)]
public sealed class EntraTokenTests(BotMetadataServer server) : ValidatorTestBase(server)
{
    private const string OwnTenant = "4b0c8d2e-7a61-4f3b-9c25-6e1f0a9d8c37";

    [Fact]
    public async Task ValidateAsync_EmulatorV1TokenWithOurAppId_Accepted()
    {
        var result = await ValidateAsync(CreateValidator(), TokenFactory.EntraV1(Server.EntraKey.Credentials()), EmulatorMessage());

        AssertAccepted(result);
        Assert.False(await Trusted.IsTrustedAsync("http://localhost:56150", CancellationToken.None));
    }

    [Fact]
    public async Task ValidateAsync_EmulatorV2TokenWithOurAzp_Accepted()
    {
        AssertAccepted(await ValidateAsync(CreateValidator(), TokenFactory.EntraV2(Server.EntraKey.Credentials()), EmulatorMessage()));
    }

    [Fact]
    public async Task ValidateAsync_V2TokenRequestedByAnotherApp_Rejected()
    {
        var token = TokenFactory.EntraV2(Server.EntraKey.Credentials(), azp: "11111111-2222-4333-8444-555555555555");

        AssertRejected(FailureReasons.AppIdMismatch, await ValidateAsync(CreateValidator(), token, EmulatorMessage()));
    }

    [Fact]
    public async Task ValidateAsync_V1TokenRequestedByAnotherApp_Rejected()
    {
        var token = TokenFactory.EntraV1(Server.EntraKey.Credentials(), appId: "11111111-2222-4333-8444-555555555555");

        AssertRejected(FailureReasons.AppIdMismatch, await ValidateAsync(CreateValidator(), token, EmulatorMessage()));
    }

    [Fact]
    public async Task ValidateAsync_OwnTenantIssuerWhenTenantConfigured_Accepted()
    {
        var validator = CreateValidator(o => o.TenantId = OwnTenant);
        var token = TokenFactory.EntraV2(Server.EntraKey.Credentials(), issuer: $"https://login.microsoftonline.com/{OwnTenant}/v2.0");

        AssertAccepted(await ValidateAsync(validator, token));
    }

    [Fact]
    public async Task ValidateAsync_TenantIssuerWhenNoTenantConfigured_Rejected()
    {
        var token = TokenFactory.EntraV1(Server.EntraKey.Credentials(), issuer: $"https://sts.windows.net/{OwnTenant}/");

        AssertRejected(FailureReasons.UnknownIssuer, await ValidateAsync(CreateValidator(), token));
    }

    [Fact]
    public async Task ValidateAsync_EntraIssuerSignedWithConnectorKey_RejectedAsUnknownKey()
    {
        var token = TokenFactory.EntraV2(Server.TeamsKey.Credentials());

        AssertRejected(FailureReasons.UnknownKey, await ValidateAsync(CreateValidator(), token));
    }
}
