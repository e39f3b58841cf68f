using KinerjaBot.Data.Model;
using KinerjaBot.Delivery;
using KinerjaBot.Infrastructure;
using KinerjaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KinerjaBot.Tests.Delivery;

/// <summary>Two instances of the bot share one PostgreSQL outbox: each message goes out once, by one of them.</summary>
public sealed class DeliveryPostgresTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Two_instances_on_one_database_deliver_every_message_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using var connector = await StandInConnector.StartAsync();
        connector.Latency = TimeSpan.FromMilliseconds(5);
        connector.InjectRandomFaults(throttleShare: 0.03, serverErrorShare: 0.03, seed: 2, retryAfter: "0");

        // Two app hosts, each with its own DI container and dispatcher, on the same database.
        Dictionary<string, string?> Settings() => new(database.Settings)
        {
            ["Demo:Seed"] = "false",
            ["Delivery:BatchSize"] = "20",
            ["Delivery:GlobalPerSecond"] = "50",
            ["Delivery:MaxAttempts"] = "30",
        };
        await using var first = await BotApp.StartAsync(Settings());
        await using var second = await BotApp.StartAsync(Settings());
        using var firstMetrics = new MetricsRecorder(first.Services.GetRequiredService<KinerjaMetrics>());
        using var secondMetrics = new MetricsRecorder(second.Services.GetRequiredService<KinerjaMetrics>());

        List<string> keys;
        await using (var db = database.NewContext())
        {
            keys = await DeliveryKit.QueueAsync(db, first.Time, connector.ServiceUrl, "twin", count: 400, conversations: 40);
        }

        first.Services.GetRequiredService<OutboxSignal>().Notify();
        second.Services.GetRequiredService<OutboxSignal>().Notify();
        var rows = await DeliveryKit.SettledAsync(database.NewContext, keys);

        var tally = DeliveryKit.Tally(keys, connector.DeliveredById);
        var (bySecond, byFirst) = (secondMetrics["kinerjabot.outbox.sent"], firstMetrics["kinerjabot.outbox.sent"]);
        output.WriteLine($"queued={keys.Count} delivered={tally.Delivered} lost={tally.Lost} duplicated={tally.Duplicated} " +
            $"sent by first={byFirst} by second={bySecond}; injected faults={connector.Faults.Total}; attempts={connector.AttemptCount}");
        Assert.Equal((keys.Count, 0, 0, 0), tally);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal(keys.Count, byFirst + bySecond);
        Assert.True(byFirst > 0 && bySecond > 0, "both instances took part");
    }
}
