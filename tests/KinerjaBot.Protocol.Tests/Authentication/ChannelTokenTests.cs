using KinerjaBot.Protocol.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace KinerjaBot.Protocol.Tests.Authentication;

/// <summary>Tokens the Bot Connector sends with Teams traffic, and forgeries of them.</summary>
[Collection(BotMetadataCollection.Name)]
public sealed class ChannelTokenTests(BotMetadataServer server) : ValidatorTestBase(server)
{
    [Fact]
    public async Task ValidateAsync_ValidTeamsToken_AcceptedAndServiceUrlTrusted()
    {
        var validator = CreateValidator();
        Assert.False(await Trusted.IsTrustedAsync(TokenFactory.ServiceUrl, CancellationToken.None));

        var result = await ValidateAsync(validator, TokenFactory.Channel(Server.TeamsKey.Credentials()));

        AssertAccepted(result);
        Assert.Equal(TokenFactory.ServiceUrl, result.Identity!.FindFirst("serviceurl")?.Value);
        Assert.True(await Trusted.IsTrustedAsync(TokenFactory.ServiceUrl, CancellationToken.None));
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    public async Task ValidateAsync_StrongerRsaAlgorithm_Accepted(string algorithm)
    {
        var result = await ValidateAsync(CreateValidator(), TokenFactory.Channel(Server.TeamsKey.Credentials(algorithm)));

        AssertAccepted(result);
    }

    [Theory]
    [InlineData("api://" + TokenFactory.AppId)]
    [InlineData("api://botid-" + TokenFactory.AppId)]
    public async Task ValidateAsync_AudienceInApiUriForm_Accepted(string audience)
    {
        var result = await ValidateAsync(CreateValidator(), TokenFactory.Channel(Server.TeamsKey.Credentials(), audience: audience));

        AssertAccepted(result);
    }

    [Fact]
    public async Task ValidateAsync_WrongIssuer_RejectedBeforeKeysAreFetched()
    {
        var token = TokenFactory.Channel(Server.TeamsKey.Credentials(), issuer: "https://api.botframework.com.evil.example");
        var hitsBefore = Server.ConnectorMetadataHits;

        var result = await ValidateAsync(CreateValidator(), token);

        AssertRejected(FailureReasons.UnknownIssuer, result);
        Assert.Equal(hitsBefore, Server.ConnectorMetadataHits);
    }

    [Fact]
    public async Task ValidateAsync_TokenForAnotherBot_Rejected()
    {
        var token = TokenFactory.Channel(Server.TeamsKey.Credentials(), audience: "0b6fe6d1-0000-4000-8000-000000000000");

        AssertRejected(FailureReasons.InvalidAudience, await ValidateAsync(CreateValidator(), token));
    }

    [Fact]
    public async Task ValidateAsync_SignedByUnpublishedKeyUnderPublishedKid_Rejected()
    {
        var forged = new SigningCredentials(new RsaSecurityKey(Server.RogueKey.Rsa) { KeyId = Server.TeamsKey.Kid }, SecurityAlgorithms.RsaSha256);

        AssertRejected(FailureReasons.InvalidSignature, await ValidateAsync(CreateValidator(), TokenFactory.Channel(forged)));
    }

    [Fact]
    public async Task ValidateAsync_UnknownKid_Rejected()
    {
        AssertRejected(FailureReasons.UnknownKey, await ValidateAsync(CreateValidator(), TokenFactory.Channel(Server.RogueKey.Credentials())));
    }

    [Fact]
    public async Task ValidateAsync_AlgNoneUnsignedToken_Rejected()
    {
        AssertRejected(FailureReasons.AlgorithmNotAllowed, await ValidateAsync(CreateValidator(), TokenFactory.Unsigned(Server.TeamsKey.Kid)));
    }

    [Fact]
    public async Task ValidateAsync_Hs256SignedWithPublicKeyAsSecret_Rejected()
    {
        AssertRejected(FailureReasons.AlgorithmNotAllowed, await ValidateAsync(CreateValidator(), TokenFactory.HmacWithPublicKey(Server.TeamsKey)));
    }

    [Fact]
    public async Task ValidateAsync_RsaPssSignature_Rejected()
    {
        var token = TokenFactory.Channel(Server.TeamsKey.Credentials(SecurityAlgorithms.RsaSsaPssSha256));

        AssertRejected(FailureReasons.AlgorithmNotAllowed, await ValidateAsync(CreateValidator(), token));
    }

    [Fact]
    public async Task ValidateAsync_TokenWithoutServiceUrlClaim_Rejected()
    {
        var token = TokenFactory.Channel(Server.TeamsKey.Credentials(), serviceUrl: null);

        AssertRejected(FailureReasons.ServiceUrlMissing, await ValidateAsync(CreateValidator(), token));
    }

    [Fact]
    public async Task ValidateAsync_ActivityServiceUrlDiffersFromClaim_RejectedAndNotTrusted()
    {
        var activity = TeamsMessage(serviceUrl: "https://attacker.example/amer/");

        var result = await ValidateAsync(CreateValidator(), TokenFactory.Channel(Server.TeamsKey.Credentials()), activity);

        AssertRejected(FailureReasons.ServiceUrlMismatch, result);
        Assert.False(await Trusted.IsTrustedAsync(TokenFactory.ServiceUrl, CancellationToken.None));
        Assert.False(await Trusted.IsTrustedAsync("https://attacker.example/amer/", CancellationToken.None));
    }

    [Fact]
    public async Task ValidateAsync_ServiceUrlDiffersOnlyInCase_Accepted()
    {
        var activity = TeamsMessage(serviceUrl: TokenFactory.ServiceUrl.ToUpperInvariant());

        AssertAccepted(await ValidateAsync(CreateValidator(), TokenFactory.Channel(Server.TeamsKey.Credentials()), activity));
    }
}
