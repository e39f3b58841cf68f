using System.Text.Json.Nodes;
using KinerjaBot.Protocol.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KinerjaBot.Protocol.Tests.Authentication;

/// <summary>Tokens of the wrong shape that the issuer/audience/signature/lifetime suites do not build.</summary>
[Collection(BotMetadataCollection.Name)]
public sealed class TokenShapeTests(BotMetadataServer server) : ValidatorTestBase(server)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    [Fact]
    public async Task ValidateAsync_TokenWithoutExpiry_Rejected()
    {
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://api.botframework.com",
            Audience = TokenFactory.AppId,
            NotBefore = TokenFactory.Now.AddMinutes(-5).UtcDateTime,
            Claims = new Dictionary<string, object> { ["serviceurl"] = TokenFactory.ServiceUrl },
            SigningCredentials = Server.TeamsKey.Credentials(),
        });

        var result = await ValidateAsync(CreateValidator(), token);

        Assert.False(result.Succeeded);
        Assert.False(await Trusted.IsTrustedAsync(TokenFactory.ServiceUrl, CancellationToken.None));
    }

    [Fact]
    public async Task ValidateAsync_TokenWithoutKeyId_Rejected()
    {
        var unnamedKey = new SigningCredentials(new RsaSecurityKey(Server.TeamsKey.Rsa), SecurityAlgorithms.RsaSha256);

        AssertRejected(FailureReasons.MissingKeyId, await ValidateAsync(CreateValidator(), TokenFactory.Channel(unnamedKey)));
    }

    [Fact]
    public async Task ValidateAsync_PayloadChangedAfterSigning_Rejected()
    {
        var parts = TokenFactory.Channel(Server.TeamsKey.Credentials()).Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["serviceurl"] = "https://evil.example/";
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";

        var result = await ValidateAsync(CreateValidator(), tampered, TeamsMessage("https://evil.example/"));

        AssertRejected(FailureReasons.InvalidSignature, result);
        Assert.False(await Trusted.IsTrustedAsync("https://evil.example/", CancellationToken.None));
    }
}
