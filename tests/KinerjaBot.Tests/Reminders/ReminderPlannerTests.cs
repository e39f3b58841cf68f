using System.Diagnostics.Metrics;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Features;
using KinerjaBot.Infrastructure;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static KinerjaBot.Tests.Reminders.ReminderKit;

namespace KinerjaBot.Tests.Reminders;

/// <summary>The planner at chosen moments (a fake clock passed in): who gets which reminder, when, and only once.</summary>
public sealed class ReminderPlannerTests
{
    private const string Daily = "reminder.DailyProgress";
    private const string Monthly = "reminder.MonthlyRealisation";
    private const string Feedback = "reminder.FeedbackDue";

    [Fact]
    public async Task DailyNudge_ThreeTimeZones_LandsAt1530LocalInEach()
    {
        await using var app = await BotApp.StartAsync();
        foreach (var user in new[] { BotApp.Budi, Nurul, Maria })
        {
            await app.InstallAsync(user);
        }

        // Tuesday 24 November: 15:30 WIT = 06:30Z, 15:30 WITA = 07:30Z, 15:30 WIB = 08:30Z.
        await app.PlanAsync(Wit(11, 24, 15, 29));
        Assert.Empty(await app.RecipientsAsync(Daily));

        await app.PlanAsync(Wit(11, 24, 15, 31));
        Assert.Equal([Maria.Nip], await app.RecipientsAsync(Daily));

        await app.PlanAsync(Wita(11, 24, 15, 31));
        Assert.Equal([Maria.Nip, Nurul.Nip], await app.RecipientsAsync(Daily));

        await app.PlanAsync(Wib(11, 24, 15, 29));
        Assert.Equal([Maria.Nip, Nurul.Nip], await app.RecipientsAsync(Daily));

        await app.PlanAsync(Wib(11, 24, 15, 31));
        var rows = await app.RemindersAsync(Daily);
        Assert.Equal([Maria.Nip, Nurul.Nip, BotApp.Budi.Nip], rows.Select(r => r.Nip));
        Assert.Equal([Wit(11, 24, 15, 31), Wita(11, 24, 15, 31), Wib(11, 24, 15, 31)], rows.Select(r => r.Row.NotBefore));
    }

    [Fact]
    public async Task DailyNudge_WhoLoggedToday_IsNotNudged()
    {
        await using var app = await BotApp.StartAsync();
        foreach (var user in new[] { BotApp.Rina, BotApp.Budi, BotApp.Siti })
        {
            await app.InstallAsync(user);
        }

        // Agus logs today's progress by chat; Budi and Siti already have entries for today (demo data).
        await app.SayAsync(Agus, "lapor 5 data");
        await app.WaitForAsync(Agus, c => c.CardText.Contains("Apakah ini benar?"), "confirmation");
        await app.SayAsync(Agus, "ya");
        await app.WaitForAsync(Agus, c => c.CardText.Contains("Tercatat"), "recorded");

        app.SetClock(Wib(11, 23, 15, 35));
        var result = await app.PlanAsync(Wib(11, 23, 15, 35));

        Assert.Equal([BotApp.Rina.Nip], await app.RecipientsAsync(Daily));
        Assert.True(result.Unreachable >= 1, "Hendra has no conversation and no Graph install is configured");
        var card = await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Pengingat progres harian"), "daily nudge");
        var nudge = card.Last(c => c.CardText.Contains("Pengingat progres harian"));
        Assert.Contains("belum mencatat progres untuk hari ini, 23 November 2026", nudge.CardText);
        Assert.True(CardActions.Has(nudge.Card, Verbs.ReminderSnooze));
        Assert.True(CardActions.Has(nudge.Card, Verbs.ReminderOptOut));
        Assert.DoesNotContain(app.To(Agus), c => c.CardText.Contains("Pengingat progres harian"));
    }

    [Fact]
    public async Task FeedbackDue_MondayDeadline_HMinus1GoesOutOnFriday()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Rina);
        await AddFeedbackRequestAsync(app, BotApp.Budi, BotApp.Rina, new DateOnly(2026, 11, 30));

        await app.PlanAsync(Wib(11, 26, 9, 5));
        Assert.Empty(await app.RemindersAsync(Feedback));

        await app.PlanAsync(Wib(11, 27, 9, 5));
        await app.PlanAsync(Wib(11, 28, 9, 5));
        await app.PlanAsync(Wib(11, 29, 9, 5));
        var rows = await app.RemindersAsync(Feedback);
        var friday = Assert.Single(rows);
        Assert.Equal(BotApp.Rina.Nip, friday.Nip);
        Assert.Contains(":H-1:", friday.Row.Key);
        Assert.Equal(Wib(11, 27, 9, 5), friday.Row.NotBefore);
        Assert.Contains("Budi Santoso, S.Kom. menunggu umpan balik dari Anda", friday.Row.ActivityJson);

        await app.PlanAsync(Wib(11, 30, 9, 5));
        Assert.Contains(await app.RemindersAsync(Feedback), r => r.Row.Key.Contains(":H:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FeedbackDue_AfterIdulFitri2026_SkipsHolidaysAndCutiBersama()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Rina);
        await AddFeedbackRequestAsync(app, BotApp.Siti, BotApp.Rina, new DateOnly(2026, 3, 25));

        for (var day = 13; day <= 25; day++)
        {
            await app.PlanAsync(Wib(3, day, 9, 5));
        }

        var sent = (await app.RemindersAsync(Feedback)).Select(r => r.Row.NotBefore).ToList();
        // H-1 of Wednesday 25 March is Tuesday 17 March: 18–24 March are Nyepi, Idul Fitri, cuti bersama and a weekend.
        Assert.Equal([Wib(3, 17, 9, 5), Wib(3, 25, 9, 5)], sent);
    }

    [Fact]
    public async Task QuietHours_ReminderNotSentBeforeThem_IsNotSentDuringThem()
    {
        await using var app = await BotApp.StartAsync(new() { ["Reminders:QuietHoursStart"] = "16:00" });
        await app.InstallAsync(BotApp.Rina);

        await app.PlanAsync(Wib(11, 24, 16, 5));
        await app.PlanAsync(Wib(11, 24, 21, 0));
        await app.PlanAsync(Wib(11, 25, 6, 30));
        Assert.Empty(await app.RemindersAsync(Daily));

        await app.PlanAsync(Wib(11, 25, 15, 45));
        var row = Assert.Single(await app.RemindersAsync(Daily));
        Assert.Equal(Wib(11, 25, 15, 45), row.Row.NotBefore);
    }

    [Fact]
    public async Task PlanningTwice_SameReminder_IsQueuedAndDeliveredOnce()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Rina);
        var meter = MeterOf(app);
        long planned = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "kinerjabot.reminders.planned")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref planned, value));
        listener.Start();

        app.SetClock(Wib(11, 24, 15, 35));
        var first = await app.PlanAsync(Wib(11, 24, 15, 35));
        var second = await app.PlanAsync(Wib(11, 24, 15, 35));
        var later = await app.PlanAsync(Wib(11, 24, 17, 0));

        Assert.Equal(1, first.Planned.GetValueOrDefault(Daily));
        Assert.Equal(0, second.Total);
        Assert.True(second.AlreadyPlanned >= 1);
        Assert.Equal(0, later.Planned.GetValueOrDefault(Daily));
        Assert.Single(await app.RemindersAsync(Daily));
        Assert.Equal(first.Total, Interlocked.Read(ref planned));

        await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Pengingat progres harian"), "the nudge");
        await WaitUntilSentAsync(app);
        Assert.Single(app.To(BotApp.Rina), c => c.CardText.Contains("Pengingat progres harian"));
    }

    [Fact]
    public async Task Escalation_OverdueRealisation_OneDigestPerRaterIncludingUnreachableMembers()
    {
        await using var app = await BotApp.StartAsync();
        foreach (var user in new[] { BotApp.Rina, BotApp.Hendra, Agus, BotApp.Budi })
        {
            await app.InstallAsync(user);
        }

        await using (var db = app.NewDb())
        {
            // Budi's October report is gone and he blocked the bot; Agus never reported October either.
            var budi = await db.Employees.SingleAsync(e => e.Nip == BotApp.Budi.Nip);
            await db.ProgressEntries.Where(p => p.EmployeeId == budi.Id && p.Date < new DateOnly(2026, 11, 1)).ExecuteDeleteAsync();
            await db.ConversationRefs.Where(c => c.EmployeeId == budi.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsReachable, false));
        }

        // Realisasi of October was due Thursday 5 November; H+1 is Friday 6 November.
        app.SetClock(Wib(11, 6, 9, 35));
        await app.PlanAsync(Wib(11, 6, 9, 35));
        await app.PlanAsync(Wib(11, 6, 11, 0));

        var digests = await app.RemindersAsync("reminder.escalation");
        Assert.Equal(new[] { BotApp.Rina.Nip, BotApp.Hendra.Nip }.Order(), digests.Select(d => d.Nip).Order());
        await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Ringkasan tim"), "Rina's digest");
        var card = Assert.Single(app.To(BotApp.Rina), c => c.CardText.Contains("Ringkasan tim")).CardText;
        Assert.Contains("Agus Prasetyo", card);
        Assert.Contains("Budi Santoso", card);
        Assert.Contains("realisasi Oktober 2026 — tenggat 5 November 2026", card);
        Assert.Contains("Yang bersangkutan tidak dapat dihubungi KinerjaBot karena telah memblokir atau menghapus aplikasi", card);
        Assert.DoesNotContain("Siti", card);
        await app.WaitForAsync(BotApp.Hendra, c => c.CardText.Contains("Ringkasan tim"), "Hendra's digest");
        Assert.Contains("Rina Marlina", Assert.Single(app.To(BotApp.Hendra), c => c.CardText.Contains("Ringkasan tim")).CardText);
    }

    [Fact]
    public async Task PlannerTick_TwoInstancesSameSlot_OnlyOnePlans()
    {
        await using var app = await BotApp.StartAsync();
        var first = ActivatorUtilities.CreateInstance<Features.Reminders.ReminderPlannerService>(app.Services);
        var second = ActivatorUtilities.CreateInstance<Features.Reminders.ReminderPlannerService>(app.Services);
        app.SetClock(Wib(11, 24, 15, 36));

        var results = await Task.WhenAll(first.TickAsync(CancellationToken.None), second.TickAsync(CancellationToken.None));
        Assert.Single(results, r => r);

        app.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await second.TickAsync(CancellationToken.None));
        Assert.False(await first.TickAsync(CancellationToken.None));
    }

    internal static async Task AddFeedbackRequestAsync(BotApp app, TestUser from, TestUser to, DateOnly due)
    {
        await using var db = app.NewDb();
        var requester = await db.Employees.SingleAsync(e => e.Nip == from.Nip);
        var recipient = await db.Employees.SingleAsync(e => e.Nip == to.Nip);
        db.FeedbackRequests.Add(new FeedbackRequest
        {
            RequesterId = requester.Id, RecipientId = recipient.Id, DueDate = due, Status = FeedbackRequestStatus.Open,
            Question = "Mohon masukan atas laporan pemeliharaan", CreatedAt = BotApp.DefaultNow,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Waits until the dispatcher has nothing due left, so what was not sent by then will not be.</summary>
    internal static async Task WaitUntilSentAsync(BotApp app)
    {
        await app.Connector.WaitForAsync(_ =>
        {
            using var db = app.NewDb();
            var now = app.Time.GetUtcNow();
            return !db.Outbox.Any(o => o.Status == OutboxStatus.Pending && o.NotBefore <= now);
        }, "the outbox to drain");
    }

    private static Meter MeterOf(BotApp app)
    {
        var metrics = app.Services.GetRequiredService<KinerjaMetrics>();
        return (Meter)typeof(KinerjaMetrics).GetField("_meter", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(metrics)!;
    }
}
