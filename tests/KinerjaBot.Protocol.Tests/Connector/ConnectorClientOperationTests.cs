using System.Text.Json.Nodes;
using KinerjaBot.Protocol.Activities;

namespace KinerjaBot.Protocol.Tests.Connector;

public sealed class ConnectorClientOperationTests
{
    private const string TeamsConversationId = "a:1X;messageid=2@thread";
    private const string EscapedConversationId = "a%3A1X%3Bmessageid%3D2%40thread";

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    [Fact]
    public async Task SendToConversation_TeamsIds_ReturnsIdAndEscapesPathExactly()
    {
        await using var server = await StandInConnector.StartAsync();
        server.Then(201, """{"id":"1:sent"}""");

        var result = await Clients.Create().SendToConversationAsync(server.ServiceUrl, TeamsConversationId, Message("halo"), CancellationToken.None);

        Assert.Equal("1:sent", result.Id);
        var request = Assert.Single(server.Received);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/amer/v3/conversations/{EscapedConversationId}/activities", request.RawTarget);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("message", (string?)body["type"]);
        Assert.Equal("halo", (string?)body["text"]);
    }

    [Fact]
    public async Task SendToConversation_ServiceUrlWithoutTrailingSlash_AppendsBelowItsPath()
    {
        await using var server = await StandInConnector.StartAsync();
        var serviceUrl = server.ServiceUrl.TrimEnd('/') + "?ignored=1";

        await Clients.Create().SendToConversationAsync(serviceUrl, "19:abc@thread.v2", Message("x"), CancellationToken.None);

        Assert.Equal("/amer/v3/conversations/19%3Aabc%40thread.v2/activities", Assert.Single(server.Received).RawTarget);
    }

    [Fact]
    public async Task ReplyToActivity_SpecialCharacterIds_PostsToEscapedActivityPath()
    {
        await using var server = await StandInConnector.StartAsync();

        var result = await Clients.Create().ReplyToActivityAsync(
            server.ServiceUrl, TeamsConversationId, "1:abc/def?x=1#y %", Message("balas"), CancellationToken.None);

        Assert.Equal("default-id", result.Id);
        var request = Assert.Single(server.Received);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/amer/v3/conversations/{EscapedConversationId}/activities/1%3Aabc%2Fdef%3Fx%3D1%23y%20%25", request.RawTarget);
        Assert.Equal("balas", (string?)JsonNode.Parse(request.Body)!["text"]);
    }

    [Fact]
    public async Task UpdateActivity_ValidIds_PutsActivityToItsPath()
    {
        await using var server = await StandInConnector.StartAsync();
        server.Then(200, """{"id":"1700000000000"}""");

        var result = await Clients.Create().UpdateActivityAsync(
            server.ServiceUrl, TeamsConversationId, "1700000000000", Message("diubah"), CancellationToken.None);

        Assert.Equal("1700000000000", result.Id);
        var request = Assert.Single(server.Received);
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"/amer/v3/conversations/{EscapedConversationId}/activities/1700000000000", request.RawTarget);
        Assert.Equal("diubah", (string?)JsonNode.Parse(request.Body)!["text"]);
    }

    [Fact]
    public async Task DeleteActivity_ValidIds_SendsDeleteWithoutBody()
    {
        await using var server = await StandInConnector.StartAsync();
        server.Then(200);

        await Clients.Create().DeleteActivityAsync(server.ServiceUrl, TeamsConversationId, "1:a;b", CancellationToken.None);

        var request = Assert.Single(server.Received);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal($"/amer/v3/conversations/{EscapedConversationId}/activities/1%3Aa%3Bb", request.RawTarget);
        Assert.Equal("", request.Body);
    }

    [Fact]
    public async Task CreateConversation_OneToOneParameters_PostsBodyAndReturnsConversation()
    {
        await using var server = await StandInConnector.StartAsync();
        server.Then(201, """{"id":"a:new-conversation","activityId":"1:first"}""");
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = "28:app-id" },
            Members = [new ChannelAccount { Id = "29:user-mri" }],
            TenantId = "tenant-1",
            ChannelData = new ChannelData { Tenant = new IdHolder { Id = "tenant-1" } },
        };

        var result = await Clients.Create().CreateConversationAsync(server.ServiceUrl, parameters, CancellationToken.None);

        Assert.Equal("a:new-conversation", result.Id);
        Assert.Equal("1:first", result.ActivityId);
        var request = Assert.Single(server.Received);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/amer/v3/conversations", request.RawTarget);
        var body = JsonNode.Parse(request.Body)!;
        Assert.False((bool)body["isGroup"]!);
        Assert.Equal("28:app-id", (string?)body["bot"]!["id"]);
        Assert.Equal("29:user-mri", (string?)body["members"]![0]!["id"]);
        Assert.Equal("tenant-1", (string?)body["tenantId"]);
        Assert.Equal("tenant-1", (string?)body["channelData"]!["tenant"]!["id"]);
    }

    [Fact]
    public async Task SendToConversation_EmptySuccessBody_ReturnsResponseWithoutId()
    {
        await using var server = await StandInConnector.StartAsync();
        server.Then(200);

        var result = await Clients.Create().SendToConversationAsync(server.ServiceUrl, "c", Message("x"), CancellationToken.None);

        Assert.Null(result.Id);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://smba.trafficmanager.net/amer/")]
    [InlineData("https://user:pw@smba.trafficmanager.net/amer/")]
    public async Task SendToConversation_InvalidServiceUrl_ThrowsArgumentException(string serviceUrl)
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Clients.Create().SendToConversationAsync(serviceUrl, "c", Message("x"), CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    public async Task UpdateActivity_PathChangingActivityId_ThrowsArgumentException(string activityId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Clients.Create().UpdateActivityAsync("https://smba.trafficmanager.net/amer/", "c", activityId, Message("x"), CancellationToken.None));
    }
}
