using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KinerjaBot.Data.Model;
using KinerjaBot.Demo;
using KinerjaBot.Domain;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.OrgDirectory;

/// <summary>
/// An administrator keeps supervisors current from Microsoft Graph (a local stand-in) through
/// POST /admin/directory/sync and reads the disagreements from GET /admin/directory/conflicts.
/// </summary>
public sealed class DirectorySyncScenarios
{
    private const string Key = "directory-admin-key-0123456789-0123456789";

    // The demo organisation (DemoSeeder): who rates whom in the imported civil-service line.
    private const string Hendra = "197204101998031005";
    private const string Rina = "198003152005011002";
    private const string Budi = "199001012015031001";
    private const string Siti = "199205122019032002";
    private const string Agus = "198811232014021003";
    private const string Andi = "197006151995121001";
    private const string Nurul = "198507072010012004";
    private const string Yohanes = "197512302000031002";
    private const string Maria = "199309092020122001";

    private static string Aad(string nip) => DemoSeeder.AadObjectIdOf(nip);

    /// <summary>Graph agreeing with the import everywhere; Andi (Kepala Dinas Pendidikan, no rater imported) reports to Hendra in Entra.</summary>
    private static void AgreeingDirectory(StandInGraph graph)
    {
        graph.AddPerson(Aad(Hendra));
        graph.AddPerson(Aad(Rina), Aad(Hendra));
        graph.AddPerson(Aad(Budi), Aad(Rina));
        graph.AddPerson(Aad(Siti), Aad(Rina));
        graph.AddPerson(Aad(Agus), Aad(Rina));
        graph.AddPerson(Aad(Andi), Aad(Hendra));
        graph.AddPerson(Aad(Nurul), Aad(Andi));
        graph.AddPerson(Aad(Yohanes));
        graph.AddPerson(Aad(Maria), Aad(Yohanes));
    }

    private static Task<BotApp> StartAsync(StandInGraph graph, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Admin:ApiKey"] = Key,
            ["Reminders:Graph:BaseUrl"] = graph.BaseUrl,
        };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        return BotApp.StartAsync(settings);
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(BotApp app, HttpMethod method, string path, string? key = Key)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await app.Http.SendAsync(request);
        var body = response.Content.Headers.ContentLength is 0 or null && response.StatusCode == HttpStatusCode.Unauthorized
            ? new JsonObject()
            : (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (response.StatusCode, body);
    }

    private static async Task<JsonObject> SyncAsync(BotApp app)
    {
        var (status, body) = await SendAsync(app, HttpMethod.Post, "/admin/directory/sync");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private static int Int(JsonObject body, string name) => body[name]!.GetValue<int>();

    private static async Task<Employee> EmployeeAsync(BotApp app, string nip)
    {
        await using var db = app.NewDb();
        return await db.Employees.AsNoTracking().SingleAsync(e => e.Nip == nip);
    }

    [Fact]
    public async Task ManagerFound_FillsTheGapOfAnEmployeeWithoutRater_AuditsIt_AndASecondRunChangesNothing()
    {
        await using var graph = await StandInGraph.StartAsync();
        AgreeingDirectory(graph);
        await using var app = await StartAsync(graph);

        var (unauthorised, _) = await SendAsync(app, HttpMethod.Post, "/admin/directory/sync", key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised);
        Assert.Null((await EmployeeAsync(app, Andi)).RaterId);

        var first = await SyncAsync(app);
        Assert.Equal(9, Int(first, "checked"));
        Assert.Equal(7, Int(first, "managersFound"));
        Assert.Equal(2, Int(first, "noManager"));
        Assert.Equal(1, Int(first, "gapsFilled"));
        Assert.Equal(0, Int(first, "ratersUpdated"));
        Assert.Equal(0, Int(first, "conflictsOpen"));
        Assert.Equal(0, Int(first, "markedLeft"));

        var hendra = await EmployeeAsync(app, Hendra);
        Assert.Equal(hendra.Id, (await EmployeeAsync(app, Andi)).RaterId);
        Assert.Null(hendra.RaterId);
        Assert.True(hendra.IsActive);
        Assert.Equal(hendra.Id, (await EmployeeAsync(app, Rina)).RaterId);

        int auditRows;
        await using (var db = app.NewDb())
        {
            var andi = await EmployeeAsync(app, Andi);
            var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(Employee) && a.EntityId == andi.Id.ToString() && a.Action == "Modified").ToListAsync();
            var change = Assert.Single(audit);
            Assert.Equal("admin:directory-sync", change.ActorUserId);
            Assert.Contains("RaterId", change.After);
            auditRows = await db.AuditEntries.CountAsync();
        }

        var second = await SyncAsync(app);
        Assert.Equal(9, Int(second, "checked"));
        Assert.Equal(0, Int(second, "gapsFilled"));
        Assert.Equal(0, Int(second, "ratersUpdated"));
        Assert.Equal(0, Int(second, "conflictsOpened"));
        Assert.Equal(0, Int(second, "conflictsResolved"));
        await using (var db = app.NewDb())
        {
            Assert.Equal(auditRows, await db.AuditEntries.CountAsync());
        }

        Assert.Equal(hendra.Id, (await EmployeeAsync(app, Andi)).RaterId);
    }

    [Fact]
    public async Task ImportedRaterWins_EveryDisagreementIsAConflictForTheAdministrator_ResolvedWhenGraphAgrees()
    {
        await using var graph = await StandInGraph.StartAsync();
        AgreeingDirectory(graph);
        graph.AddPerson(Aad(Siti), Aad(Agus));                               // a known employee, but not her SKP rater
        graph.AddPerson(Aad(Budi), "aaaaaaaa-0000-0000-0000-00000000beef");  // someone the bot does not know
        graph.AddPerson(Aad(Maria));                                         // no manager in Entra, a rater in the import
        await using var app = await StartAsync(graph);
        var rina = await EmployeeAsync(app, Rina);

        var first = await SyncAsync(app);
        Assert.Equal(3, Int(first, "conflictsOpened"));
        Assert.Equal(3, Int(first, "conflictsOpen"));
        Assert.Equal(rina.Id, (await EmployeeAsync(app, Siti)).RaterId);
        Assert.Equal(rina.Id, (await EmployeeAsync(app, Budi)).RaterId);
        Assert.Equal((await EmployeeAsync(app, Yohanes)).Id, (await EmployeeAsync(app, Maria)).RaterId);

        var (status, report) = await SendAsync(app, HttpMethod.Get, "/admin/directory/conflicts");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, Int(report, "open"));
        Assert.Equal(1, report["byKind"]!["ManagerDiffers"]!.GetValue<int>());
        Assert.Equal(1, report["byKind"]!["ManagerUnknown"]!.GetValue<int>());
        Assert.Equal(1, report["byKind"]!["NoManagerInGraph"]!.GetValue<int>());
        var siti = report["conflicts"]!.AsArray().Single(c => c!["employee"]!["nip"]!.GetValue<string>() == Siti)!;
        Assert.Equal("ManagerDiffers", siti["kind"]!.GetValue<string>());
        Assert.Equal(Rina, siti["rater"]!["nip"]!.GetValue<string>());
        Assert.Equal(Agus, siti["graphManager"]!["employee"]!["nip"]!.GetValue<string>());
        var (unauthorised, _) = await SendAsync(app, HttpMethod.Get, "/admin/directory/conflicts", key: "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised);

        var again = await SyncAsync(app);
        Assert.Equal(0, Int(again, "conflictsOpened"));
        Assert.Equal(3, Int(again, "conflictsOpen"));

        graph.AddPerson(Aad(Siti), Aad(Rina));
        var fixedInEntra = await SyncAsync(app);
        Assert.Equal(1, Int(fixedInEntra, "conflictsResolved"));
        Assert.Equal(2, Int(fixedInEntra, "conflictsOpen"));
        await using var db = app.NewDb();
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(DirectoryConflict) && a.Action == "Added"));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(DirectoryConflict) && a.Action == "Modified"));
    }

    [Fact]
    public async Task NoManager_IsNotARemoval_ButAUserGoneFromEntraIsMarkedLeft_AndFeedbackWaitingOnThemIsRerouted()
    {
        await using var graph = await StandInGraph.StartAsync();
        AgreeingDirectory(graph);
        graph.RemovePerson(Aad(Agus));
        await using var app = await StartAsync(graph);
        var siti = await EmployeeAsync(app, Siti);
        var agus = await EmployeeAsync(app, Agus);
        var rina = await EmployeeAsync(app, Rina);
        int requestId;
        await using (var db = app.NewDb())
        {
            var request = new FeedbackRequest
            {
                RequesterId = siti.Id, RecipientId = agus.Id, Question = "Masukan atas laporan pengaduan?",
                Status = FeedbackRequestStatus.Open, CreatedAt = BotApp.DefaultNow,
            };
            db.FeedbackRequests.Add(request);
            await db.SaveChangesAsync();
            requestId = request.Id;
        }

        var result = await SyncAsync(app);
        Assert.Equal(1, Int(result, "markedLeft"));
        Assert.Equal(2, Int(result, "noManager"));
        Assert.Contains($"GET /users/{Aad(Agus)}", graph.Calls);

        Assert.False((await EmployeeAsync(app, Agus)).IsActive);
        Assert.True((await EmployeeAsync(app, Hendra)).IsActive);
        Assert.True((await EmployeeAsync(app, Yohanes)).IsActive);
        await using (var db = app.NewDb())
        {
            var request = await db.FeedbackRequests.AsNoTracking().SingleAsync(f => f.Id == requestId);
            Assert.Equal(rina.Id, request.RecipientId);
            Assert.Equal(FeedbackRequestStatus.Open, request.Status);
            Assert.Contains(await db.AuditEntries.Where(a => a.EntityType == nameof(Employee) && a.EntityId == agus.Id.ToString()).ToListAsync(),
                a => a.ActorUserId == "admin:directory-sync" && a.After!.Contains("\"IsActive\":false"));
        }

        var second = await SyncAsync(app);
        Assert.Equal(8, Int(second, "checked"));
        Assert.Equal(0, Int(second, "markedLeft"));
    }

    [Fact]
    public async Task Throttled_RetryAfterIsHonoured_AndTheRunCompletes()
    {
        await using var graph = await StandInGraph.StartAsync();
        AgreeingDirectory(graph);
        graph.Throttle(Aad(Andi), times: 1, retryAfterSeconds: 1);
        await using var app = await StartAsync(graph);

        var result = await SyncAsync(app);
        Assert.Equal(1, Int(result, "throttledResponses"));
        Assert.Equal(1.0, result["retryAfterWaitedSeconds"]!.GetValue<double>());
        Assert.False(result["stoppedByThrottling"]!.GetValue<bool>());
        Assert.Equal(9, Int(result, "checked"));
        Assert.Equal((await EmployeeAsync(app, Hendra)).Id, (await EmployeeAsync(app, Andi)).RaterId);
        Assert.Equal(2, graph.Calls.Count(c => c == $"GET /users/{Aad(Andi)}/manager"));
    }

    [Fact]
    public async Task ThrottledBeyondTheAllowedAttempts_TheWaitIsBounded_AndTheRunStopsKeepingWhatItDid()
    {
        await using var graph = await StandInGraph.StartAsync();
        AgreeingDirectory(graph);
        graph.Throttle(Aad(Andi), times: 100, retryAfterSeconds: 3600);
        await using var app = await StartAsync(graph, new()
        {
            ["Directory:Sync:MaxAttempts"] = "3",
            ["Directory:Sync:MaxRetryAfter"] = "00:00:00.100",
        });

        var result = await SyncAsync(app);
        Assert.True(result["stoppedByThrottling"]!.GetValue<bool>());
        Assert.Equal(3, Int(result, "throttledResponses"));
        Assert.Equal(0.2, result["retryAfterWaitedSeconds"]!.GetValue<double>(), precision: 6);
        await using var db = app.NewDb();
        var andi = await EmployeeAsync(app, Andi);
        var before = await db.Employees.CountAsync(e => e.Id < andi.Id);
        var after = await db.Employees.Where(e => e.Id > andi.Id).Select(e => e.AadObjectId).ToListAsync();
        Assert.Equal(before, Int(result, "checked"));
        Assert.Equal(before, await db.DirectoryLinks.CountAsync());
        Assert.Null(andi.RaterId);
        Assert.All(after, aad => Assert.DoesNotContain($"GET /users/{aad}/manager", graph.Calls));
    }

    [Fact]
    public async Task Enabled_TheSyncRunsOnItsOwnOnASchedule()
    {
        await using var graph = await StandInGraph.StartAsync();
        AgreeingDirectory(graph);
        await using var app = await StartAsync(graph, new() { ["Directory:Sync:Enabled"] = "true", ["Directory:Sync:Interval"] = "01:00:00" });
        var hendra = await EmployeeAsync(app, Hendra);

        // No request: the hosted service runs the first slot at start-up.
        for (var i = 0; i < 150 && (await EmployeeAsync(app, Andi)).RaterId is null; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(hendra.Id, (await EmployeeAsync(app, Andi)).RaterId);
        await using var db = app.NewDb();
        Assert.Contains(await db.AuditEntries.Where(a => a.EntityType == nameof(Employee) && a.Action == "Modified").ToListAsync(),
            a => a.ActorUserId == "system:directory-sync");
    }

    [Fact]
    public async Task OnDemand_WhileAnotherRunHoldsTheLease_IsRefusedWithConflict()
    {
        await using var graph = await StandInGraph.StartAsync();
        AgreeingDirectory(graph);
        await using var app = await StartAsync(graph);
        await using (var db = app.NewDb())
        {
            db.SchedulerLeases.Add(new SchedulerLease { Name = KinerjaBot.Features.OrgDirectory.DirectorySyncService.LeaseName, Owner = "other", LeaseUntil = BotApp.DefaultNow.AddHours(1) });
            await db.SaveChangesAsync();
        }

        var (status, body) = await SendAsync(app, HttpMethod.Post, "/admin/directory/sync");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("already running", body["error"]!.GetValue<string>());
        Assert.Empty(graph.Calls);
        Assert.Null((await EmployeeAsync(app, Andi)).RaterId);
    }
}
