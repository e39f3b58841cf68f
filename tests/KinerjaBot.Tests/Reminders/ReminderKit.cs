using KinerjaBot.Data.Model;
using KinerjaBot.Features.Reminders;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaBot.Tests.Reminders;

/// <summary>Demo people beyond BotApp's, and helpers to plan at a given moment and read what was queued.</summary>
internal static class ReminderKit
{
    public static TestUser Agus => new("198811232014021003", "Agus Prasetyo");

    /// <summary>Teacher in Makassar (WITA).</summary>
    public static TestUser Nurul => new("198507072010012004", "Nurul Hidayah");

    /// <summary>Staff in Jayapura (WIT), rated by <see cref="Yohanes"/>.</summary>
    public static TestUser Maria => new("199309092020122001", "Maria Kogoya");

    public static TestUser Yohanes => new("197512302000031002", "Yohanes Wenda");

    public static DateTimeOffset Wib(int month, int day, int hour, int minute = 0, int year = 2026) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    public static DateTimeOffset Wita(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    public static DateTimeOffset Wit(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(9));

    /// <summary>Moves the app's clock (what the dispatcher and chat turns see) to <paramref name="at"/>.</summary>
    public static void SetClock(this BotApp app, DateTimeOffset at) => app.Time.Advance(at - app.Time.GetUtcNow());

    public static async Task<PlanResult> PlanAsync(this BotApp app, DateTimeOffset at)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().PlanOnceAsync(at);
    }

    public static async Task<int> EmployeeIdAsync(this BotApp app, TestUser user)
    {
        await using var db = app.NewDb();
        return await db.Employees.Where(e => e.Nip == user.Nip).Select(e => e.Id).SingleAsync();
    }

    /// <summary>Reminder rows queued so far (all purposes starting with "reminder"), with their recipient's NIP.</summary>
    public static async Task<List<(string Nip, OutboxMessage Row)>> RemindersAsync(this BotApp app, string? purpose = null)
    {
        await using var db = app.NewDb();
        var rows = await db.Outbox.AsNoTracking().Where(o => o.Purpose.StartsWith("reminder")).OrderBy(o => o.Id).ToListAsync();
        var nips = await db.Employees.ToDictionaryAsync(e => e.Id, e => e.Nip);
        return rows.Where(r => purpose is null || r.Purpose == purpose)
            .Select(r => (r.RecipientEmployeeId is { } id ? nips[id] : "", r)).ToList();
    }

    public static async Task<List<string>> RecipientsAsync(this BotApp app, string purpose) =>
        (await app.RemindersAsync(purpose)).Select(r => r.Nip).ToList();
}
