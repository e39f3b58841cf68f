using KinerjaBot.Protocol.Authentication;

namespace KinerjaBot.Protocol.Tests.Authentication;

/// <summary>When the Bot Connector rolls its keys, an unknown kid refreshes the metadata, but not on every request.</summary>
[Collection(BotMetadataCollection.Name)]
public sealed class SigningKeyRolloverTests(BotMetadataServer server) : ValidatorTestBase(server)
{
    [Fact]
    public async Task ValidateAsync_KeyPublishedAfterFirstFetch_RefreshesAndAccepts()
    {
        var validator = CreateValidator();
        AssertAccepted(await ValidateAsync(validator, TokenFactory.Channel(Server.TeamsKey.Credentials())));
        var rolled = Server.PublishConnectorKey($"rolled-{Guid.NewGuid():N}", "msteams");

        var result = await ValidateAsync(validator, TokenFactory.Channel(rolled.Credentials()));

        AssertAccepted(result);
    }

    [Fact]
    public async Task ValidateAsync_RepeatedUnknownKids_RefetchMetadataAtMostOncePerInterval()
    {
        var validator = CreateValidator();
        AssertAccepted(await ValidateAsync(validator, TokenFactory.Channel(Server.TeamsKey.Credentials())));
        var afterFirstFetch = Server.ConnectorMetadataHits;

        for (var i = 0; i < 3; i++)
        {
            AssertRejected(FailureReasons.UnknownKey, await ValidateAsync(validator, TokenFactory.Channel(Server.RogueKey.Credentials())));
        }

        Assert.Equal(afterFirstFetch + 1, Server.ConnectorMetadataHits);

        Clock.Advance(TimeSpan.FromMinutes(6));
        AssertRejected(FailureReasons.UnknownKey, await ValidateAsync(validator, TokenFactory.Channel(Server.RogueKey.Credentials())));
        Assert.Equal(afterFirstFetch + 2, Server.ConnectorMetadataHits);
    }
}
