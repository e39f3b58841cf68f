using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using KinerjaBot.Domain;
using KinerjaBot.Features;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Reliability;

/// <summary>
/// Many simultaneous clicks on the same records, split over two bot instances sharing one database (as a
/// scaled-out deployment runs): exactly one transition each, nothing lost, one audit entry per change.
/// ProgressScenarios covers a few clicks on one instance; these push harder and across instances.
/// </summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public Task ApproveAndReturn_TwentyAtOnce_OneTransition_OnSqlite() => ApproveAndReturnTwentyAtOnceAsync(TestDatabase.Sqlite);

    [PostgresFact]
    public Task ApproveAndReturn_TwentyAtOnce_OneTransition_OnPostgres() => ApproveAndReturnTwentyAtOnceAsync(TestDatabase.Postgres);

    [Fact]
    public Task Submissions_TwentyAtOnce_NothingLost_ReplaysIgnored_OnSqlite() => SubmissionsTwentyAtOnceAsync(TestDatabase.Sqlite);

    [PostgresFact]
    public Task Submissions_TwentyAtOnce_NothingLost_ReplaysIgnored_OnPostgres() => SubmissionsTwentyAtOnceAsync(TestDatabase.Postgres);

    [Fact]
    public Task EditsAgainstApprovals_AtOnce_OneWins_OnSqlite() => EditsAgainstApprovalsAsync(TestDatabase.Sqlite);

    [PostgresFact]
    public Task EditsAgainstApprovals_AtOnce_OneWins_OnPostgres() => EditsAgainstApprovalsAsync(TestDatabase.Postgres);

    private sealed record Cluster(TestDatabase Database, BotApp A, BotApp B) : IAsyncDisposable
    {
        /// <summary>Posts alternately to either instance; replies all go to A's stand-in connector.</summary>
        public async Task<InvokeResult> ExecuteAsync(int i, TestUser user, string verb, JsonObject data)
        {
            var app = i % 2 == 0 ? A : B;
            using var response = await app.Http.PostAsync("/api/messages",
                new StringContent(Protocol.Activities.ProtocolJson.Serialize(A.Invoke(user, verb, data)), System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = new InvokeResult((await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonObject>(response.Content))!);
            Assert.NotEqual(500, result.StatusCode);
            return result;
        }

        public async ValueTask DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
            await Database.DisposeAsync();
        }
    }

    private static async Task<Cluster> StartClusterAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var a = await BotApp.StartAsync(database.Settings);
        var b = await BotApp.StartAsync(database.Settings);
        await a.InstallAsync(BotApp.Rina);
        return new Cluster(database, a, b);
    }

    private static async Task<(int Id, int Version)> SitiSubmitsAsync(Cluster cluster, string value = "3")
    {
        var form = await cluster.A.ExecuteAsync(BotApp.Siti, Verbs.ProgressForm);
        var indicatorId = form.Card!["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "indicatorId")!["choices"]![0]!["value"]!.GetValue<string>();
        var submitted = await cluster.A.ExecuteAsync(BotApp.Siti, Verbs.ProgressSubmit, new JsonObject { ["indicatorId"] = indicatorId, ["value"] = value });
        Assert.Contains("Tercatat", submitted.CardText);
        await using var db = cluster.A.NewDb();
        var entry = await db.ProgressEntries.OrderByDescending(p => p.Id).FirstAsync(p => p.Employee!.Nip == BotApp.Siti.Nip);
        return (entry.Id, entry.Version);
    }

    private static async Task<int> ModifiedAuditsAsync(BotApp app, int entryId)
    {
        await using var db = app.NewDb();
        var id = entryId.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.CountAsync(a => a.EntityType == "ProgressEntry" && a.EntityId == id && a.Action == "Modified");
    }

    private static async Task ApproveAndReturnTwentyAtOnceAsync(string provider)
    {
        await using var cluster = await StartClusterAsync(provider);
        var (entryId, version) = await SitiSubmitsAsync(cluster);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => cluster.ExecuteAsync(i, BotApp.Rina, i % 4 < 2 ? Verbs.ProgressApprove : Verbs.ProgressReturn,
            new JsonObject { ["entryId"] = entryId, ["version"] = version, ["reviewNote"] = $"catatan {i}" })));

        await using var db = cluster.A.NewDb();
        var entry = await db.ProgressEntries.AsNoTracking().SingleAsync(p => p.Id == entryId);
        Assert.Contains(entry.Status, new[] { ProgressStatus.Approved, ProgressStatus.Returned });
        Assert.Equal(version + 1, entry.Version);
        Assert.Equal(1, await ModifiedAuditsAsync(cluster.A, entryId));
        await cluster.A.WaitForAsync(BotApp.Siti, c => c.Text?.Contains("progres Anda") == true, "the one outcome message");
        await Task.Delay(500);
        Assert.Single(cluster.A.To(BotApp.Siti), c => c.Text?.Contains("progres Anda") == true);
    }

    private static async Task SubmissionsTwentyAtOnceAsync(string provider)
    {
        await using var cluster = await StartClusterAsync(provider);
        var form = await cluster.A.ExecuteAsync(BotApp.Siti, Verbs.ProgressForm);
        var indicatorId = form.Card!["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "indicatorId")!["choices"]![0]!["value"]!.GetValue<string>();
        await using (var before = cluster.A.NewDb())
        {
            Assert.Equal(0, await before.ProgressEntries.CountAsync(p => p.Note!.StartsWith("serentak")));
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => cluster.ExecuteAsync(i, BotApp.Siti, Verbs.ProgressSubmit,
            new JsonObject { ["indicatorId"] = indicatorId, ["value"] = "1", ["note"] = $"serentak {i}" })));
        // One activity delivered ten times at once (Teams retries): applied once.
        var replay = cluster.A.Invoke(BotApp.Siti, Verbs.ProgressSubmit, new JsonObject { ["indicatorId"] = indicatorId, ["value"] = "1", ["note"] = "serentak ulang" });
        var json = Protocol.Activities.ProtocolJson.Serialize(replay);
        var replays = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? cluster.A : cluster.B).Http.PostAsync("/api/messages", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
            return response.StatusCode;
        }));

        Assert.All(results, r => Assert.Contains("Tercatat", r.CardText));
        Assert.All(replays, s => Assert.Equal(HttpStatusCode.OK, s));
        await using var db = cluster.A.NewDb();
        var notes = await db.ProgressEntries.Where(p => p.Note!.StartsWith("serentak")).Select(p => p.Note!).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"serentak {i}").Append("serentak ulang").Order(), notes.Order());
        var ids = (await db.ProgressEntries.Where(p => p.Note!.StartsWith("serentak")).Select(p => p.Id).ToListAsync())
            .Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(21, await db.AuditEntries.CountAsync(a => a.EntityType == "ProgressEntry" && a.Action == "Added" && ids.Contains(a.EntityId)));
    }

    private static async Task EditsAgainstApprovalsAsync(string provider)
    {
        await using var cluster = await StartClusterAsync(provider);
        var (entryId, version) = await SitiSubmitsAsync(cluster, "3");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? cluster.ExecuteAsync(i / 2, BotApp.Siti, Verbs.ProgressEdit, new JsonObject { ["entryId"] = entryId, ["version"] = version, ["value"] = (4 + i).ToString(CultureInfo.InvariantCulture) })
            : cluster.ExecuteAsync(i / 2, BotApp.Rina, Verbs.ProgressApprove, new JsonObject { ["entryId"] = entryId, ["version"] = version })));

        await using var db = cluster.A.NewDb();
        var entry = await db.ProgressEntries.AsNoTracking().SingleAsync(p => p.Id == entryId);
        Assert.Equal(version + 1, entry.Version);
        Assert.Equal(1, await ModifiedAuditsAsync(cluster.A, entryId));
        if (entry.Status == ProgressStatus.Approved)
        {
            Assert.Equal(3m, entry.Value); // every edit was made on the version the approval replaced
        }
        else
        {
            Assert.Equal(ProgressStatus.Submitted, entry.Status);
            Assert.NotEqual(3m, entry.Value); // one edit won; every approval was of the old value
            Assert.Null(entry.ReviewedById);
        }
    }
}
