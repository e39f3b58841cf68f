using System.Net;
using System.Net.Http.Headers;
using System.Text;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static KinerjaBot.Tests.Reminders.ReminderKit;

namespace KinerjaBot.Tests.Reminders;

/// <summary>The next year's holidays: what the bot says while they are not loaded, and an administrator loading them.</summary>
public sealed class HolidayCalendarScenarios
{
    private const string Key = "admin-key-0123456789-0123456789-0123456789";

    // A made-up official SKB 2027: with cuti bersama on Friday 8 January, the annual appraisal is due on the 7th.
    private const string Skb2027 = """
        {
          "source": "SKB 3 Menteri 2027 (test)",
          "holidays": [
            { "date": "2027-01-01", "kind": "national", "name": { "id": "Tahun Baru 2027 Masehi", "en": "New Year's Day 2027" } },
            { "date": "2027-01-08", "kind": "collective", "name": { "id": "Cuti Bersama Tahun Baru", "en": "Collective leave" } },
            { "date": "2027-02-06", "kind": "national", "name": { "id": "Tahun Baru Imlek 2578 Kongzili", "en": "Chinese New Year 2578" } }
          ]
        }
        """;

    private static Task<BotApp> StartAsync() => BotApp.StartAsync(new() { ["Admin:ApiKey"] = Key });

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(BotApp app, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await app.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AdminLoadsTheSkb_ReminderPlanningUsesItAtOnce()
    {
        await using var app = await StartAsync();
        await app.InstallAsync(BotApp.Rina);

        // Thursday 7 January 2027: with the shipped list, the annual appraisal 2026 is due Friday the 8th (H-1 today).
        app.SetClock(Wib(1, 7, 9, 5, year: 2027));
        await app.PlanAsync(Wib(1, 7, 9, 5, year: 2027));
        var before = await app.RemindersAsync("reminder.AnnualAppraisal");
        Assert.Contains(before, r => r.Nip == BotApp.Rina.Nip && r.Row.Key.Contains(":2026:H-1:", StringComparison.Ordinal));

        var (status, body) = await SendAsync(app, HttpMethod.Post, "/admin/holidays", Skb2027);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"year\":2027,\"status\":\"official\"", body, StringComparison.Ordinal);

        // No restart: the same morning the 8th is cuti bersama, so today is the deadline itself.
        await app.PlanAsync(Wib(1, 7, 9, 10, year: 2027));
        var after = (await app.RemindersAsync("reminder.AnnualAppraisal")).Skip(before.Count).ToList();
        Assert.Contains(after, r => r.Nip == BotApp.Rina.Nip && r.Row.Key.Contains(":2026:H:", StringComparison.Ordinal));
        await using var db = app.NewDb();
        var stored = await db.HolidayFiles.SingleAsync();
        Assert.Equal("2027", stored.Years);
        Assert.Equal("SKB 3 Menteri 2027 (test)", stored.Source);
    }

    [Fact]
    public async Task AdminLoadsAMalformedFile_RefusedWithTheLine_NothingChanges()
    {
        await using var app = await StartAsync();

        var (status, body) = await SendAsync(app, HttpMethod.Post, "/admin/holidays?lang=en", Skb2027.Replace("\"collective\"", "\"cuti\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = System.Text.Json.Nodes.JsonNode.Parse(body)!["errors"]![0]!.GetValue<string>();
        Assert.StartsWith("The holiday file was refused and nothing was changed: holidays.json: entry 2 (line 5): \"kind\" must be", error, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.False(await db.HolidayFiles.AnyAsync());
        var (_, listing) = await SendAsync(app, HttpMethod.Get, "/admin/holidays");
        Assert.Contains("\"year\":2027,\"status\":\"provisional\"", listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthReady_WarnsWhileTheNext60DaysHaveNoOfficialList()
    {
        await using var app = await StartAsync();

        // 23 November 2026: the next 60 days reach into 2027, for which only provisional dates ship.
        using (var response = await app.Http.GetAsync("/health/ready"))
        {
            var detail = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"status\":\"Degraded\"", detail, StringComparison.Ordinal);
            Assert.Contains("does not cover the next 60 days: 2027 (provisional dates only)", detail, StringComparison.Ordinal);
        }

        await SendAsync(app, HttpMethod.Post, "/admin/holidays", Skb2027);

        using (var response = await app.Http.GetAsync("/health/ready"))
        {
            var detail = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"status\":\"Healthy\"", detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TopUnitHeads_AreWarnedInTeams_OnceAWeek_UntilTheSkbIsLoaded()
    {
        await using var app = await StartAsync();
        await app.InstallAsync(BotApp.Hendra);
        await app.InstallAsync(BotApp.Rina);

        // Monday 30 November 2026, after the digest time: no admin contact is configured, so the heads of the dinas hear it.
        app.SetClock(Wib(11, 30, 9, 35));
        await app.PlanAsync(Wib(11, 30, 9, 35));
        await app.PlanAsync(Wib(12, 1, 9, 35));
        var card = await app.WaitForAsync(BotApp.Hendra, c => c.CardText.Contains("Kalender hari libur belum lengkap"), "calendar warning");
        // The wait returns every call so far, to anyone: pick the warning itself.
        Assert.Contains("belum memuat daftar resmi tahun 2027", card.Last(c => c.CardText.Contains("Kalender hari libur belum lengkap")).CardText, StringComparison.Ordinal);
        Assert.Equal(1, await WarningsToAsync(app, BotApp.Hendra));
        Assert.Equal(0, await WarningsToAsync(app, BotApp.Rina));

        await SendAsync(app, HttpMethod.Post, "/admin/holidays", Skb2027);
        await app.PlanAsync(Wib(12, 7, 9, 35));
        Assert.Equal(1, await WarningsToAsync(app, BotApp.Hendra));
    }

    private static async Task<int> WarningsToAsync(BotApp app, TestUser user)
    {
        var id = await app.EmployeeIdAsync(user);
        await using var db = app.NewDb();
        return await db.Outbox.CountAsync(o => o.Purpose == "calendar.uncovered" && o.RecipientEmployeeId == id);
    }
}
