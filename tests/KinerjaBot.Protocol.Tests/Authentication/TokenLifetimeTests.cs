using KinerjaBot.Protocol.Authentication;

namespace KinerjaBot.Protocol.Tests.Authentication;

/// <summary>nbf and exp are checked against the injected clock with the configured 5 minute skew.</summary>
[Collection(BotMetadataCollection.Name)]
public sealed class TokenLifetimeTests(BotMetadataServer server) : ValidatorTestBase(server)
{
    [Fact]
    public async Task ValidateAsync_ExpiredBeyondClockSkew_Rejected()
    {
        var token = TokenFactory.Channel(Server.TeamsKey.Credentials(), notBefore: TokenFactory.Now.AddHours(-1), expires: TokenFactory.Now.AddMinutes(-6));

        AssertRejected(FailureReasons.Expired, await ValidateAsync(CreateValidator(), token));
    }

    [Fact]
    public async Task ValidateAsync_ExpiredWithinClockSkew_Accepted()
    {
        var token = TokenFactory.Channel(Server.TeamsKey.Credentials(), notBefore: TokenFactory.Now.AddHours(-1), expires: TokenFactory.Now.AddMinutes(-4));

        AssertAccepted(await ValidateAsync(CreateValidator(), token));
    }

    [Fact]
    public async Task ValidateAsync_NotYetValidBeyondClockSkew_Rejected()
    {
        var token = TokenFactory.Channel(Server.TeamsKey.Credentials(), notBefore: TokenFactory.Now.AddMinutes(6), expires: TokenFactory.Now.AddHours(1));

        AssertRejected(FailureReasons.NotYetValid, await ValidateAsync(CreateValidator(), token));
    }
}
