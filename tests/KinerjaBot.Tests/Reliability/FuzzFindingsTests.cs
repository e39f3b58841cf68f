using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KinerjaBot.Data.Model;
using KinerjaBot.Features;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Reliability;

/// <summary>One regression test per bug the fuzzer found.</summary>
public sealed class FuzzFindingsTests
{
    [Fact]
    public async Task CardData_NamingAFieldTwice_IsRefusedAsBadRequest_NotAnApology()
    {
        await using var app = await BotApp.StartAsync();
        var logs = LogCapture.AttachTo(app.Services);
        var json = ProtocolJson.Serialize(app.Invoke(BotApp.Rina, Verbs.ProgressApprove, new JsonObject { ["note"] = "x" }))
            .Replace("\"data\":{", "\"data\":{\"entryId\":1,\"entryId\":2,", StringComparison.Ordinal);
        Assert.Contains("\"entryId\":1,\"entryId\":2", json);

        using var response = await app.Http.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(logs.Errors);
    }

    [Fact]
    public async Task Reply_ToAnUnaddressableServiceUrl_IsDeadLettered_NotRetriedEveryPass()
    {
        await using var app = await BotApp.StartAsync();
        var logs = LogCapture.AttachTo(app.Services);
        var activity = app.Message(BotApp.Siti, "status");
        activity.ServiceUrl = "not a url";

        using var response = await app.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        OutboxMessage? row = null;
        for (var i = 0; i < 100 && row?.Status != OutboxStatus.DeadLetter; i++)
        {
            await Task.Delay(100);
            await using var db = app.NewDb();
            row = await db.Outbox.AsNoTracking().FirstOrDefaultAsync(o => o.ServiceUrl == "not a url");
        }

        Assert.Equal(OutboxStatus.DeadLetter, row?.Status);
        Assert.Contains("not an absolute http(s) service URL", row!.LastError);
        Assert.Empty(logs.Errors);
    }

    [Fact]
    public async Task FirstMessages_FromOnePersonAtOnce_AreAllHandled_WithOneReferenceAndOneFlow()
    {
        await using var app = await BotApp.StartAsync();
        var logs = LogCapture.AttachTo(app.Services);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => app.PostAsync(app.Message(BotApp.Hendra, "lapor 3 laporan pengaduan"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Empty(logs.Errors);
        await using var db = app.NewDb();
        Assert.Equal(1, await db.ConversationRefs.CountAsync(c => c.UserId == BotApp.Hendra.TeamsId));
        Assert.Equal(1, await db.Flows.CountAsync(f => f.UserId == BotApp.Hendra.TeamsId));
    }
}
