using System.Globalization;
using System.Text.Json.Nodes;
using KinerjaBot.Data.Model;
using KinerjaBot.Features;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static KinerjaBot.Tests.Reminders.ReminderKit;

namespace KinerjaBot.Tests.Reminders;

/// <summary>People acting on reminders through /api/messages: snooze, opt-out, the approvals digest, and reaching people through Graph.</summary>
public sealed class ReminderScenarios
{
    private const string Monthly = "reminder.MonthlyRealisation";
    private const string Daily = "reminder.DailyProgress";

    private static async Task<ConnectorCall> LatestCardAsync(BotApp app, TestUser user, string text) =>
        (await app.WaitForAsync(user, c => c.CardText.Contains(text), text)).Last(c => c.ConversationId == user.ConversationId && c.CardText.Contains(text));

    [Fact]
    public async Task Snooze_RemindMeTomorrow_RemindsAgainNextWorkingDayUnlessDoneByThen()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Rina);
        await app.InstallAsync(BotApp.Hendra);

        // Tuesday 1 December is H-3 of November's realisation (due Friday 4 December); neither reported November.
        app.SetClock(Wib(12, 1, 9, 5));
        await app.PlanAsync(Wib(12, 1, 9, 5));
        var rinaCard = await LatestCardAsync(app, BotApp.Rina, "realisasi kinerja bulan November 2026 belum Anda laporkan");
        var hendraCard = await LatestCardAsync(app, BotApp.Hendra, "realisasi kinerja bulan November 2026 belum Anda laporkan");

        var snoozed = await app.ExecuteAsync(BotApp.Rina, Verbs.ReminderSnooze, CardActions.DataOf(rinaCard.Card!, Verbs.ReminderSnooze), rinaCard.ActivityId);
        Assert.Contains("saya ingatkan lagi pada 2 Desember 2026 pukul 09.00 WIB", snoozed.CardText);
        var again = await app.ExecuteAsync(BotApp.Rina, Verbs.ReminderSnooze, CardActions.DataOf(rinaCard.Card!, Verbs.ReminderSnooze), rinaCard.ActivityId);
        Assert.Contains("2 Desember 2026", again.CardText);
        await app.ExecuteAsync(BotApp.Hendra, Verbs.ReminderSnooze, CardActions.DataOf(hendraCard.Card!, Verbs.ReminderSnooze), hendraCard.ActivityId);

        // Hendra then reports for November with the form (dated 30 November): he is done.
        int indicatorId;
        await using (var db = app.NewDb())
        {
            var rinaId = await db.Employees.Where(e => e.Nip == BotApp.Rina.Nip).Select(e => e.Id).SingleAsync();
            Assert.Equal(new DateOnly(2026, 12, 2), (await db.ReminderSnoozes.SingleAsync(s => s.EmployeeId == rinaId)).Until);
            indicatorId = await db.Indicators.Where(i => i.Rhk!.Skp!.Employee!.Nip == BotApp.Hendra.Nip).Select(i => i.Id).FirstAsync();
        }

        var recorded = await app.ExecuteAsync(BotApp.Hendra, Verbs.ProgressSubmit, new JsonObject
        {
            ["indicatorId"] = indicatorId.ToString(CultureInfo.InvariantCulture), ["value"] = "80", ["date"] = "2026-11-30",
        });
        Assert.Contains("Tercatat", recorded.CardText);

        await app.PlanAsync(Wib(12, 1, 15, 0));
        Assert.Equal(2, (await app.RemindersAsync(Monthly)).Count);

        app.SetClock(Wib(12, 2, 9, 5));
        await app.PlanAsync(Wib(12, 2, 9, 5));
        var monthly = await app.RemindersAsync(Monthly);
        var repeat = Assert.Single(monthly.Skip(2));
        Assert.Equal(BotApp.Rina.Nip, repeat.Nip);
        Assert.Contains(":again-20261202:", repeat.Row.Key);
        var card = await LatestCardAsync(app, BotApp.Rina, "Anda meminta diingatkan lagi hari ini");
        Assert.Contains("2 hari kerja", card.CardText);
    }

    [Fact]
    public async Task OptOut_ByChatAndByCard_StopsOptionalNudgesButNotMandatoryOnes()
    {
        await using var app = await BotApp.StartAsync();
        foreach (var user in new[] { BotApp.Rina, BotApp.Siti, Agus })
        {
            await app.InstallAsync(user);
        }

        await app.SayAsync(BotApp.Rina, "pengingat mati");
        await app.WaitForAsync(BotApp.Rina, c => c.Text?.Contains("Pengingat opsional dimatikan") == true, "opt-out confirmation");

        // 1 December 15:35: November's realisation (mandatory) is at H-3; the daily nudge is optional.
        app.SetClock(Wib(12, 1, 15, 35));
        await app.PlanAsync(Wib(12, 1, 15, 35));
        Assert.Equal([BotApp.Rina.Nip], await app.RecipientsAsync(Monthly));
        Assert.Equal(new[] { BotApp.Siti.Nip, Agus.Nip }.Order(), (await app.RecipientsAsync(Daily)).Order());

        var sitiCard = await LatestCardAsync(app, BotApp.Siti, "Pengingat progres harian");
        Assert.True(CardActions.Has(sitiCard.Card, Verbs.ReminderOptOut));
        var settings = await app.ExecuteAsync(BotApp.Siti, Verbs.ReminderOptOut, CardActions.DataOf(sitiCard.Card!, Verbs.ReminderOptOut), sitiCard.ActivityId);
        Assert.Contains("Pengingat opsional | mati", settings.CardText);

        app.SetClock(Wib(12, 2, 15, 35));
        await app.PlanAsync(Wib(12, 2, 15, 35));
        Assert.Equal(new[] { BotApp.Siti.Nip, Agus.Nip, Agus.Nip }.Order(), (await app.RecipientsAsync(Daily)).Order());

        await app.SayAsync(BotApp.Rina, "pengingat aktif");
        await app.WaitForAsync(BotApp.Rina, c => c.Text?.Contains("Pengingat opsional dinyalakan lagi") == true, "opt-in confirmation");
        app.SetClock(Wib(12, 3, 15, 35));
        await app.PlanAsync(Wib(12, 3, 15, 35));
        var third = (await app.RemindersAsync(Daily)).Where(r => r.Row.NotBefore == Wib(12, 3, 15, 35)).Select(r => r.Nip).Order();
        Assert.Equal(new[] { BotApp.Rina.Nip, Agus.Nip }.Order(), third);
        await using var db = app.NewDb();
        Assert.True((await db.Employees.SingleAsync(e => e.Nip == BotApp.Siti.Nip)).OptionalNudgesOff);
        Assert.False((await db.Employees.SingleAsync(e => e.Nip == BotApp.Rina.Nip)).OptionalNudgesOff);
        Assert.Contains(await db.AuditEntries.ToListAsync(), a => a.EntityType == "Employee" && a.After != null && a.After.Contains("OptionalNudgesOff", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApprovalsDigest_RaterChoosesIt_NoCardPerSubmissionButOneDailyDigest()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Rina);

        await app.SayAsync(BotApp.Rina, "ringkasan harian");
        await app.WaitForAsync(BotApp.Rina, c => c.Text?.Contains("satu ringkasan setiap hari kerja pukul 09.00 WIB") == true, "digest confirmation");

        await app.SayAsync(BotApp.Siti, "lapor hari ini selesai 3 dari 5 laporan pengaduan");
        await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Apakah ini benar?"), "confirmation card");
        await app.SayAsync(BotApp.Siti, "ya");
        await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Tercatat"), "recorded notice");
        await ReminderPlannerTests.WaitUntilSentAsync(app);
        Assert.DoesNotContain(app.To(BotApp.Rina), c => CardActions.Has(c.Card, Verbs.ProgressApprove));

        app.SetClock(Wib(11, 24, 9, 5));
        await app.PlanAsync(Wib(11, 24, 9, 5));
        await app.PlanAsync(Wib(11, 24, 13, 0));
        Assert.Equal([BotApp.Rina.Nip], await app.RecipientsAsync("reminder.approvals"));
        var digest = await LatestCardAsync(app, BotApp.Rina, "Menunggu persetujuan Anda");
        Assert.Contains("ada 4 pengajuan yang menunggu persetujuan Anda", digest.CardText);
        Assert.Contains("Siti Nurhaliza", digest.CardText);
        Assert.Contains("Agus Prasetyo", digest.CardText);

        await app.ExecuteAsync(BotApp.Rina, Verbs.ReviewList, CardActions.DataOf(digest.Card!, Verbs.ReviewList), digest.ActivityId);
        await app.Connector.WaitForAsync(calls => calls.Count(c => c.ConversationId == BotApp.Rina.ConversationId && CardActions.Has(c.Card, Verbs.ProgressApprove)) == 4, "four review cards");

        // Back to a card per submission: the next report reaches her at once.
        var settings = await app.ExecuteAsync(BotApp.Rina, Verbs.ApprovalsDigestOff, CardActions.DataOf(digest.Card!, Verbs.ApprovalsDigestOff), digest.ActivityId);
        Assert.Contains("kartu per pengajuan", settings.CardText);
        await app.SayAsync(BotApp.Budi, "lapor 1 laporan pemeliharaan");
        await app.WaitForAsync(BotApp.Budi, c => c.CardText.Contains("Apakah ini benar?"), "Budi's confirmation");
        await app.SayAsync(BotApp.Budi, "ya");
        await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Progres dari Budi Santoso") && CardActions.Has(c.Card, Verbs.ProgressApprove), "a card per submission again");
    }

    [Fact]
    public async Task ApprovalsNudge_ConfiguredWait_IsTheWaitTheCardNames()
    {
        await using var app = await BotApp.StartAsync(new() { ["Reminders:PendingApprovals:NudgeAfterWorkingDays"] = "3" });
        await app.InstallAsync(BotApp.Rina);

        // Agus's report from Sunday 22 November has waited three working days (Monday to Wednesday) on 25 November.
        app.SetClock(Wib(11, 25, 9, 5));
        await app.PlanAsync(Wib(11, 25, 9, 5));

        var nudge = await LatestCardAsync(app, BotApp.Rina, "Menunggu persetujuan Anda");
        Assert.Contains("Beberapa pengajuan sudah menunggu 3 hari kerja atau lebih.", nudge.CardText);
    }

    [Fact]
    public async Task Graph_UsersWhoNeverOpenedTheBot_AreInstalledAndReachedOrReportedToTheirRater()
    {
        await using var graph = await StandInGraph.StartAsync();
        await using var app = await BotApp.StartAsync(new()
        {
            ["Reminders:Graph:BaseUrl"] = graph.BaseUrl,
            ["Reminders:Graph:TeamsAppId"] = StandInGraph.CatalogAppId,
        });
        graph.AddUser(Nurul.Aad);
        graph.AddUser(Agus.Aad, alreadyInstalled: true);
        graph.AddUser(Maria.Aad, refuse: true);
        // Yohanes (Maria's rater) and Rina have opened the bot; their service URL serves the others.
        await app.InstallAsync(Yohanes);
        await app.InstallAsync(BotApp.Rina);
        await using (var db = app.NewDb())
        {
            // Agus needs November's realisation reminder too.
            await db.ProgressEntries.Where(p => p.Employee!.Nip == Agus.Nip).ExecuteDeleteAsync();
        }

        // Tuesday 1 December (H-3 of November's realisation), 09:40 in every zone's turn.
        app.SetClock(Wib(12, 1, 9, 40));
        await app.PlanAsync(Wit(12, 1, 9, 40));
        await app.PlanAsync(Wita(12, 1, 9, 40));
        await app.PlanAsync(Wib(12, 1, 9, 40));

        // Nurul: installed (201) then chat found; Agus: already installed (409), chat found all the same.
        var nurulChat = StandInGraph.ChatIdOf(Nurul.Aad);
        var agusChat = StandInGraph.ChatIdOf(Agus.Aad);
        await app.Connector.WaitForAsync(calls => calls.Any(c => c.ConversationId == nurulChat && c.CardText.Contains("November 2026"))
                                                  && calls.Any(c => c.ConversationId == agusChat && c.CardText.Contains("November 2026")), "reminders in the installed chats");
        Assert.Contains($"POST /users/{Agus.Aad}/teamwork/installedApps", graph.Calls);
        Assert.Contains(graph.Calls, c => c.StartsWith($"GET /users/{Nurul.Aad}/teamwork/installedApps/inst-{Nurul.Aad}/chat", StringComparison.Ordinal));

        // Maria: Graph refused (403); Yohanes's digest says she cannot be reached.
        var digest = await LatestCardAsync(app, Yohanes, "Ringkasan tim");
        Assert.Contains("Maria Kogoya", digest.CardText);
        Assert.Contains("aplikasi belum dapat dipasang", digest.CardText);
        await using (var db = app.NewDb())
        {
            var installs = await db.AppInstallations.Join(db.Employees, a => a.EmployeeId, e => e.Id, (a, e) => new { e.Nip, a.Status, a.Detail }).ToListAsync();
            Assert.Contains(installs, i => i.Nip == Maria.Nip && i.Status == AppInstallationStatus.Unreachable && i.Detail!.Contains("403", StringComparison.Ordinal));
            Assert.Contains(installs, i => i.Nip == Nurul.Nip && i.Status == AppInstallationStatus.Installed);
            var nurulRef = await db.ConversationRefs.SingleAsync(c => c.AadObjectId == Nurul.Aad);
            Assert.Equal(nurulChat, nurulRef.ConversationId);
            Assert.Equal(app.Connector.ServiceUrl, nurulRef.ServiceUrl);
        }

        // Planning again calls Graph for nobody: the installed have a conversation, Maria waits a week.
        var callsBefore = graph.Calls.Count;
        await app.PlanAsync(Wib(12, 1, 10, 0));
        Assert.Equal(callsBefore, graph.Calls.Count);

        // When Nurul writes for the first time, her reference becomes the real one: still one per person.
        await app.SayAsync(Nurul, "status");
        await app.WaitForAsync(Nurul, c => c.Card is not null && !c.CardText.Contains("November 2026"), "status card");
        await using (var db = app.NewDb())
        {
            var refs = await db.ConversationRefs.Where(c => c.AadObjectId == Nurul.Aad).ToListAsync();
            Assert.Equal(Nurul.TeamsId, Assert.Single(refs).UserId);
        }
    }
}
