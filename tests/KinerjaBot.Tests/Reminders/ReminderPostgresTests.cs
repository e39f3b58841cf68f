using KinerjaBot.Features;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static KinerjaBot.Tests.Reminders.ReminderKit;

namespace KinerjaBot.Tests.Reminders;

/// <summary>The planner's queries and keys on PostgreSQL, the provider several instances share.</summary>
public sealed class ReminderPostgresTests
{
    [PostgresFact]
    public async Task Planner_OnPostgres_PlansEachReminderOnceAndHonoursSnoozeAndDigests()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using var app = await BotApp.StartAsync(database.Settings);
        await app.InstallAsync(BotApp.Rina);
        await app.InstallAsync(BotApp.Hendra);
        await ReminderPlannerTests.AddFeedbackRequestAsync(app, BotApp.Budi, BotApp.Rina, new DateOnly(2026, 12, 3));

        // 1 December: realisation H-3 for Rina and Hendra, Rina's feedback H-2 (nothing), approvals waiting since 23 November.
        app.SetClock(Wib(12, 1, 9, 40));
        var plans = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.PlanAsync(Wib(12, 1, 9, 40))));

        var rows = await app.RemindersAsync();
        Assert.Equal(rows.Count, rows.Select(r => r.Row.Key).Distinct().Count());
        // Besides the reminders, Hendra (head of a top-level unit) is told once that 2027 is not loaded yet.
        Assert.Equal(rows.Count + 1, plans.Sum(p => p.Total));
        Assert.Equal(1, plans.Sum(p => p.Planned.GetValueOrDefault("calendar.uncovered")));
        Assert.Equal(new[] { BotApp.Rina.Nip, BotApp.Hendra.Nip }.Order(), rows.Where(r => r.Row.Purpose == "reminder.MonthlyRealisation").Select(r => r.Nip).Order());
        Assert.Single(rows, r => r.Row.Purpose == "reminder.approvals");
        Assert.DoesNotContain(rows, r => r.Row.Purpose == "reminder.FeedbackDue");

        var card = (await app.WaitForAsync(BotApp.Rina, c => CardActions.Has(c.Card, Verbs.ReminderSnooze), "reminder card"))
            .Last(c => c.ConversationId == BotApp.Rina.ConversationId && CardActions.Has(c.Card, Verbs.ReminderSnooze));
        var snoozed = await app.ExecuteAsync(BotApp.Rina, Verbs.ReminderSnooze, CardActions.DataOf(card.Card!, Verbs.ReminderSnooze), card.ActivityId);
        Assert.Contains("2 Desember 2026", snoozed.CardText);

        app.SetClock(Wib(12, 2, 9, 40));
        await app.PlanAsync(Wib(12, 2, 9, 40));
        Assert.Contains(await app.RemindersAsync(), r => r.Nip == BotApp.Rina.Nip && r.Row.Key.Contains(":again-20261202:", StringComparison.Ordinal));
        Assert.Contains(await app.RemindersAsync("reminder.FeedbackDue"), r => r.Row.Key.Contains(":H-1:", StringComparison.Ordinal));
        await using var db = app.NewDb();
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
    }
}
