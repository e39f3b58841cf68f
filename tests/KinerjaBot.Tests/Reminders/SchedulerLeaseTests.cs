using KinerjaBot.Infrastructure;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static KinerjaBot.Tests.Reminders.ReminderKit;

namespace KinerjaBot.Tests.Reminders;

/// <summary>The planner's tick runs once across instances: the lease row's conditional update on both providers.</summary>
public sealed class SchedulerLeaseTests
{
    [Fact]
    public Task Sqlite_ManyClaimantsOneSlot_ExactlyOneWins() => RaceAsync(TestDatabase.Sqlite);

    [PostgresFact]
    public Task Postgres_ManyClaimantsOneSlot_ExactlyOneWins() => RaceAsync(TestDatabase.Postgres);

    private static async Task RaceAsync(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await db.Database.MigrateAsync();
        }

        var now = Wib(11, 24, 15, 31).ToUniversalTime();
        var interval = TimeSpan.FromMinutes(5);
        var slot = SchedulerLeases.SlotOf(now, interval);
        Assert.Equal(Wib(11, 24, 15, 30).ToUniversalTime(), slot);

        async Task<bool> ClaimAsync(string owner, DateTimeOffset at)
        {
            await using var db = database.NewContext();
            return await SchedulerLeases.TryClaimAsync(db, "reminder-planner", owner, SchedulerLeases.SlotOf(at, interval), at, TimeSpan.FromMinutes(10), CancellationToken.None);
        }

        var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => ClaimAsync("instance-" + i, now)));
        Assert.Equal(1, wins.Count(w => w));
        var winner = "instance-" + Array.IndexOf(wins, true);

        // The next slot while the winner's run still holds the lease: nobody; after it released: one.
        Assert.False(await ClaimAsync("instance-x", now + interval));
        await using (var db = database.NewContext())
        {
            await SchedulerLeases.ReleaseAsync(db, "reminder-planner", winner, CancellationToken.None);
        }

        Assert.False(await ClaimAsync("instance-y", now));
        Assert.True(await ClaimAsync("instance-y", now + interval + interval));

        // A run that crashed without releasing frees the slot when its lease runs out.
        Assert.False(await ClaimAsync("instance-z", now + TimeSpan.FromMinutes(12)));
        Assert.True(await ClaimAsync("instance-z", now + TimeSpan.FromMinutes(21)));
    }
}
