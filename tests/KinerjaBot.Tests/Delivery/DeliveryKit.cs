using System.Diagnostics.Metrics;
using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Delivery;
using KinerjaBot.Infrastructure;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaBot.Tests.Delivery;

/// <summary>Queues messages with the app's own <see cref="Outbox"/> and waits for the dispatcher to settle them.</summary>
internal static class DeliveryKit
{
    public static string ConversationOf(string prefix, int c) => $"a:{prefix}-{c:D3}";

    /// <summary>
    /// Queues <paramref name="count"/> text messages round-robin over <paramref name="conversations"/> conversations
    /// at <paramref name="serviceUrl"/>, in one save; returns their keys in queue order.
    /// </summary>
    public static async Task<List<string>> QueueAsync(KinerjaDbContext db, TimeProvider time, string serviceUrl, string prefix, int count, int conversations)
    {
        var outbox = new Outbox(db, time);
        var keys = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var c = i % conversations;
            var to = new ConversationRef
            {
                UserId = $"29:{prefix}-{c:D3}",
                ServiceUrl = serviceUrl,
                ConversationId = ConversationOf(prefix, c),
                ChannelId = "msteams",
                TenantId = "tenant-1",
            };
            var key = $"{prefix}:{i:D5}";
            outbox.Send(to, new Activity { Type = ActivityTypes.Message, Text = $"message {i}" }, "test.delivery", key);
            keys.Add(key);
        }

        await db.SaveChangesAsync();
        return keys;
    }

    public static async Task<List<string>> QueueAsync(BotApp app, string prefix, int count, int conversations)
    {
        await using var db = app.NewDb();
        var keys = await QueueAsync(db, app.Time, app.Connector.ServiceUrl, prefix, count, conversations);
        app.Services.GetRequiredService<OutboxSignal>().Notify();
        return keys;
    }

    /// <summary>Waits until none of <paramref name="keys"/> is pending; returns their rows.</summary>
    public static async Task<List<OutboxMessage>> SettledAsync(Func<KinerjaDbContext> newDb, IReadOnlyCollection<string> keys, int timeoutSeconds = 180)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            await using var db = newDb();
            var rows = await db.Outbox.AsNoTracking().Where(o => keys.Contains(o.Key)).ToListAsync();
            if (rows.Count == keys.Count && rows.All(r => r.Status != OutboxStatus.Pending))
            {
                return rows;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException(
                    $"Outbox did not settle: {rows.Count(r => r.Status == OutboxStatus.Pending)} of {keys.Count} still pending; " +
                    string.Join("; ", rows.Where(r => r.Status == OutboxStatus.Pending).Take(5).Select(r => $"{r.Key} attempts={r.Attempts} {r.LastError}")));
            }

            await Task.Delay(100);
        }
    }

    public static Task<List<OutboxMessage>> SettledAsync(BotApp app, IReadOnlyCollection<string> keys, int timeoutSeconds = 180) =>
        SettledAsync(app.NewDb, keys, timeoutSeconds);

    /// <summary>Lost: queued but never delivered. Duplicated: delivered more than once.</summary>
    public static (int Delivered, int Lost, int Duplicated, int Unexpected) Tally(IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, int> deliveredById)
    {
        var expected = keys.ToHashSet(StringComparer.Ordinal);
        var delivered = keys.Count(k => deliveredById.ContainsKey(k));
        var lost = keys.Count(k => !deliveredById.ContainsKey(k));
        var duplicated = deliveredById.Where(d => expected.Contains(d.Key)).Sum(d => d.Value - 1);
        var unexpected = deliveredById.Keys.Count(k => !expected.Contains(k) && k.StartsWith(keys.First().Split(':')[0] + ":", StringComparison.Ordinal));
        return (delivered, lost, duplicated, unexpected);
    }
}

/// <summary>Sums the KinerjaBot counters of one app (its own <see cref="Meter"/>, not another test's) by instrument name.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _totals = [];
    private readonly Lock _lock = new();

    public MetricsRecorder(KinerjaMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == metrics.Meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (_lock)
            {
                _totals[instrument.Name] = _totals.GetValueOrDefault(instrument.Name) + value;
            }
        });
        _listener.Start();
    }

    public long this[string name]
    {
        get
        {
            lock (_lock)
            {
                return _totals.GetValueOrDefault(name);
            }
        }
    }

    public string Summary()
    {
        lock (_lock)
        {
            return string.Join(", ", _totals.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}"));
        }
    }

    public void Dispose() => _listener.Dispose();
}
