using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KinerjaBot.Data.Model;
using KinerjaBot.Tests.Support;

namespace KinerjaBot.Tests.Admin;

public sealed class AdminEndpointTests
{
    private const string Key = "admin-key-0123456789-0123456789-0123456789";

    private static Task<BotApp> StartAsync(string? key = Key) =>
        BotApp.StartAsync(new() { ["Admin:ApiKey"] = key });

    private static async Task<HttpResponseMessage> GetAsync(BotApp app, string path, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await app.Http.SendAsync(request);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-key")]
    [InlineData(Key + "x")]
    public async Task Missing_or_wrong_key_is_refused_and_reveals_nothing(string? bearer)
    {
        await using var app = await StartAsync();

        using var response = await GetAsync(app, "/admin/outbox", bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain("Pending", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_key_the_admin_endpoints_do_not_exist()
    {
        await using var app = await StartAsync(key: null);

        using var response = await GetAsync(app, "/admin/outbox", Key);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Outbox_view_lists_backlog_and_dead_letters_with_their_reason()
    {
        await using var app = await StartAsync();
        await using (var db = app.NewDb())
        {
            db.Outbox.Add(new OutboxMessage
            {
                Key = "test:dead", Purpose = "reminder", RecipientUserId = "29:x", ServiceUrl = app.Connector.ServiceUrl,
                ConversationId = "a:x", ActivityJson = "{}", Status = OutboxStatus.DeadLetter, Attempts = 6,
                LastError = "403 MessageWritesBlocked", CreatedAt = app.Time.GetUtcNow(), NotBefore = app.Time.GetUtcNow(),
            });
            db.Outbox.Add(new OutboxMessage
            {
                Key = "test:later", Purpose = "reminder", RecipientUserId = "29:y", ServiceUrl = app.Connector.ServiceUrl,
                ConversationId = "a:y", ActivityJson = "{}", Status = OutboxStatus.Pending,
                CreatedAt = app.Time.GetUtcNow(), NotBefore = app.Time.GetUtcNow().AddDays(1),
            });
            await db.SaveChangesAsync();
        }

        using var response = await GetAsync(app, "/admin/outbox", Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, body["byStatus"]!["DeadLetter"]!.GetValue<int>());
        Assert.Equal(1, body["byStatus"]!["Pending"]!.GetValue<int>());
        Assert.Equal(0, body["pendingDue"]!.GetValue<int>());
        var dead = Assert.Single(body["deadLetters"]!.AsArray());
        Assert.Equal("403 MessageWritesBlocked", dead!["lastError"]!.GetValue<string>());
    }
}
