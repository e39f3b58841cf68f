using KinerjaBot.Protocol.Authentication;

namespace KinerjaBot.Protocol.Tests.Authentication;

/// <summary>A Bot Connector key only vouches for the channels listed in its JWKS endorsements.</summary>
[Collection(BotMetadataCollection.Name)]
public sealed class EndorsementTests(BotMetadataServer server) : ValidatorTestBase(server)
{
    [Fact]
    public async Task ValidateAsync_ConnectorKeyWithoutEndorsements_Rejected()
    {
        var result = await ValidateAsync(CreateValidator(), TokenFactory.Channel(Server.UnendorsedKey.Credentials()));

        AssertRejected(FailureReasons.KeyNotEndorsed, result);
    }

    [Fact]
    public async Task ValidateAsync_KeyEndorsedForAnotherChannelOnly_Rejected()
    {
        var result = await ValidateAsync(CreateValidator(), TokenFactory.Channel(Server.WebChatKey.Credentials()));

        AssertRejected(FailureReasons.ChannelNotEndorsed, result);
    }

    [Fact]
    public async Task ValidateAsync_RequiredEndorsementMissingFromKey_Rejected()
    {
        var validator = CreateValidator(o => o.RequiredEndorsements.Add("8f6c6a4e-required"));

        var result = await ValidateAsync(validator, TokenFactory.Channel(Server.TeamsKey.Credentials()));

        AssertRejected(FailureReasons.RequiredEndorsementMissing, result);
    }
}
