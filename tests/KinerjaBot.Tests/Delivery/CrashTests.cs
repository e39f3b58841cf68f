using KinerjaBot.Data.Model;
using KinerjaBot.Tests.Support;
using Xunit.Abstractions;

namespace KinerjaBot.Tests.Delivery;

/// <summary>
/// The real bot as its own process (the Release build of KinerjaBot.dll, a SQLite file), killed with
/// SIGKILL in the middle of delivering, then started again: nothing is lost and nobody gets a message twice.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Concurrency = 8;

    private static readonly Dictionary<string, string> CrashSettings = new()
    {
        ["Delivery__Lease"] = "00:00:03",
        ["Delivery__PollInterval"] = "00:00:00.200",
        ["Delivery__GlobalPerSecond"] = "40",
        ["Delivery__Concurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Delivery__BatchSize"] = "50",
    };

    [Fact]
    public async Task Killed_mid_dispatch_and_restarted_the_bot_loses_nothing_and_sends_nothing_twice()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var connector = await StandInConnector.StartAsync();
        connector.Latency = TimeSpan.FromMilliseconds(30);
        // The one window the outbox cannot close alone: the connector took a message, the bot died before
        // saving that. The resend carries the same activity id (the outbox key); the stand-in shows it is
        // a resend and does not deliver it twice, as an idempotent connector would.
        connector.DedupeByActivityId = true;

        var bot = BotProcess.Start(database, output, CrashSettings);
        List<string> keys;
        try
        {
            await bot.WaitReadyAsync();
            await using (var db = database.NewContext())
            {
                keys = await DeliveryKit.QueueAsync(db, TimeProvider.System, connector.ServiceUrl, "crash", count: 300, conversations: 30);
            }

            await connector.WaitForAsync(calls => calls.Count >= 100, "a third of the messages delivered", timeoutMs: 60_000);
        }
        finally
        {
            bot.Kill();
        }

        var beforeKill = connector.DeliveredById.Count;
        output.WriteLine($"killed after {beforeKill} deliveries");
        Assert.True(beforeKill < 300, "the kill came mid-dispatch");

        var restarted = BotProcess.Start(database, output, CrashSettings);
        try
        {
            await restarted.WaitReadyAsync();
            var rows = await DeliveryKit.SettledAsync(database.NewContext, keys, timeoutSeconds: 120);
            Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        }
        finally
        {
            restarted.Kill();
        }

        var tally = DeliveryKit.Tally(keys, connector.DeliveredById);
        var resent = connector.ResentById;
        output.WriteLine($"queued={keys.Count} delivered={tally.Delivered} lost={tally.Lost} duplicated={tally.Duplicated} " +
            $"resends absorbed by id={resent.Values.Sum()} (keys: {string.Join(", ", resent.Keys)})");
        Assert.Equal((keys.Count, 0, 0, 0), tally);
        // Only what was in flight at the kill can be resent: at most one batch's parallel sends.
        Assert.True(resent.Values.Sum() <= Concurrency, $"{resent.Values.Sum()} resends");
        Assert.All(resent.Values, n => Assert.Equal(1, n));
    }
}
