using KinerjaBot.Protocol.Authentication;

namespace KinerjaBot.Protocol.Tests.Authentication;

/// <summary>The Authorization header itself, configuration, development mode and failure handling.</summary>
[Collection(BotMetadataCollection.Name)]
public sealed class RequestAuthenticationTests(BotMetadataServer server) : ValidatorTestBase(server)
{
    [Fact]
    public async Task ValidateAsync_NoAuthorizationHeader_Rejected()
    {
        var result = await CreateValidator().ValidateAsync(null, TeamsMessage(), CancellationToken.None);

        AssertRejected(FailureReasons.MissingHeader, result);
    }

    [Fact]
    public async Task ValidateAsync_DangerousModeWithoutHeader_AnonymousSuccess()
    {
        var validator = CreateValidator(o => o.DangerouslyAllowUnauthenticatedRequests = true);

        var result = await validator.ValidateAsync(null, TeamsMessage(), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.True(result.IsAnonymous);
        Assert.False(result.Identity?.IsAuthenticated);
        Assert.Empty(result.Identity!.Claims);
    }

    [Fact]
    public async Task ValidateAsync_DangerousModeWithForgedToken_StillValidatedAndRejected()
    {
        var validator = CreateValidator(o => o.DangerouslyAllowUnauthenticatedRequests = true);

        var result = await ValidateAsync(validator, TokenFactory.Channel(Server.RogueKey.Credentials()));

        AssertRejected(FailureReasons.UnknownKey, result);
    }

    [Fact]
    public async Task ValidateAsync_DangerousModeWithoutAppIdAndWithHeader_Rejected()
    {
        var validator = CreateValidator(o =>
        {
            o.AppId = null;
            o.DangerouslyAllowUnauthenticatedRequests = true;
        });

        AssertRejected(FailureReasons.NotConfigured, await ValidateAsync(validator, TokenFactory.Channel(Server.TeamsKey.Credentials())));
    }

    [Fact]
    public async Task ValidateAsync_NoAppIdConfigured_EveryRequestRejected()
    {
        var validator = CreateValidator(o => o.AppId = " ");

        AssertRejected(FailureReasons.NotConfigured, await validator.ValidateAsync(null, TeamsMessage(), CancellationToken.None));
        AssertRejected(FailureReasons.NotConfigured, await ValidateAsync(validator, TokenFactory.Channel(Server.TeamsKey.Credentials())));
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer   ")]
    public async Task ValidateAsync_NotABearerToken_Rejected(string header)
    {
        var result = await CreateValidator().ValidateAsync(header, TeamsMessage(), CancellationToken.None);

        AssertRejected(FailureReasons.NotBearer, result);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30")]
    public async Task ValidateAsync_MalformedToken_Rejected(string token)
    {
        AssertRejected(FailureReasons.Malformed, await ValidateAsync(CreateValidator(), token));
    }

    [Fact]
    public async Task ValidateAsync_MetadataNotFound_FailsWithoutThrowing()
    {
        var validator = CreateValidator(o => o.BotConnectorMetadataUrl = $"{Server.BaseUrl}/missing/openidconfiguration");

        var result = await ValidateAsync(validator, TokenFactory.Channel(Server.TeamsKey.Credentials()));

        AssertRejected(FailureReasons.MetadataUnavailable, result);
    }

    [Fact]
    public void Constructor_HttpMetadataWithoutOptIn_Throws()
    {
        Assert.Throws<ArgumentException>(() => CreateValidator(o => o.AllowHttpMetadata = false));
    }

    [Fact]
    public void Constructor_HttpMetadataOnPublicHost_ThrowsEvenWithOptIn()
    {
        Assert.Throws<ArgumentException>(() => CreateValidator(o => o.EntraMetadataUrl = "http://login.example.com/common/v2.0/.well-known/openid-configuration"));
    }

    [Fact]
    public async Task ValidateAsync_CancelledRequest_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var header = $"Bearer {TokenFactory.Channel(Server.TeamsKey.Credentials())}";

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreateValidator().ValidateAsync(header, TeamsMessage(), cts.Token));
    }
}
