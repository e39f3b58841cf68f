using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KinerjaBot.Data.Model;
using KinerjaBot.Infrastructure;
using KinerjaBot.Tests.Reminders;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KinerjaBot.Tests.Delivery;

/// <summary>
/// The dispatcher against a stand-in connector that misbehaves like Teams under load: every message
/// delivered exactly once, with the outcome recorded in the outbox.
/// </summary>
public sealed class DeliveryTests(ITestOutputHelper output)
{
    private const string AdminKey = "admin-key-0123456789-0123456789-0123456789";

    [Fact]
    public async Task Through_429s_gateway_errors_and_rate_limits_every_message_is_delivered_exactly_once()
    {
        await using var app = await BotApp.StartAsync(new()
        {
            ["Delivery:GlobalPerSecond"] = "40",
            ["Delivery:PerConversationPerSecond"] = "6",
            ["Delivery:MaxAttempts"] = "40",
            ["Delivery:BatchSize"] = "50",
        });
        // Teams-like limits below what the bot is configured for, plus random 429 and 502/503.
        app.Connector.GlobalLimitPerSecond = 25;
        app.Connector.PerConversationLimitPerSecond = 3;
        app.Connector.InjectRandomFaults(throttleShare: 0.05, serverErrorShare: 0.08, seed: 6, retryAfter: "1");

        var keys = await DeliveryKit.QueueAsync(app, "load", count: 120, conversations: 12);
        var rows = await DeliveryKit.SettledAsync(app, keys);

        var tally = DeliveryKit.Tally(keys, app.Connector.DeliveredById);
        var faults = app.Connector.Faults;
        output.WriteLine($"queued={keys.Count} delivered={tally.Delivered} lost={tally.Lost} duplicated={tally.Duplicated} " +
            $"injected: 429={faults.Throttled} 5xx={faults.ServerErrors} rate-limited={faults.RateLimited}; attempts={app.Connector.AttemptCount}");
        Assert.Equal((keys.Count, 0, 0, 0), tally);
        Assert.Empty(app.Connector.ResentById);
        Assert.True(faults.Throttled > 0 && faults.ServerErrors > 0 && faults.RateLimited > 0, $"faults were injected: {faults}");

        // The outbox says what happened: sent, with the connector's id, after as many attempts as the connector saw.
        var attemptsById = app.Connector.Attempts.Where(a => a.ActivityId is not null).GroupBy(a => a.ActivityId!).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(rows, r =>
        {
            Assert.Equal(OutboxStatus.Sent, r.Status);
            Assert.StartsWith("msg-", r.SentActivityId);
            Assert.Equal(attemptsById[r.Key], r.Attempts);
        });
    }

    [Fact]
    public async Task A_Retry_After_holds_its_conversation_until_it_has_passed_while_the_others_go_on_more_slowly()
    {
        await using var app = await BotApp.StartAsync(new() { ["Delivery:GlobalPerSecond"] = "5" });
        app.Connector.ThrottleNext(1, retryAfter: "2");

        var keys = await DeliveryKit.QueueAsync(app, "pause", count: 6, conversations: 6);
        await DeliveryKit.SettledAsync(app, keys);

        var attempts = app.Connector.Attempts.Where(a => a.ActivityId?.StartsWith("pause:", StringComparison.Ordinal) == true).ToList();
        output.WriteLine(string.Join("\n", attempts.Select(a => $"{a.At.TotalMilliseconds,8:0} {a.ActivityId} {a.Status}")));
        var throttled = Assert.Single(attempts, a => a.Status == 429);
        // The throttled message is tried again only after its Retry-After (a little slack for the clock's resolution) …
        var retry = Assert.Single(attempts, a => a.ActivityId == throttled.ActivityId && a.At > throttled.At);
        Assert.True(retry.At - throttled.At >= TimeSpan.FromSeconds(1.95), $"retried {(retry.At - throttled.At).TotalMilliseconds:0} ms after the 429");
        // … while other conversations' messages still went out during it, the next one at the halved rate (2.5/s).
        var during = attempts.Where(a => a.ActivityId != throttled.ActivityId && a.At > throttled.At && a.At < throttled.At + TimeSpan.FromSeconds(2)).OrderBy(a => a.At).ToList();
        Assert.NotEmpty(during);
        Assert.True(during[0].At - throttled.At >= TimeSpan.FromMilliseconds(380), $"next send {(during[0].At - throttled.At).TotalMilliseconds:0} ms after the 429, not at the halved rate");
        Assert.Equal((keys.Count, 0, 0, 0), DeliveryKit.Tally(keys, app.Connector.DeliveredById));
    }

    [Fact]
    public async Task After_the_last_allowed_attempt_a_message_is_dead_lettered_with_its_reason_for_the_operator()
    {
        await using var app = await BotApp.StartAsync(new() { ["Delivery:MaxAttempts"] = "3", ["Admin:ApiKey"] = AdminKey });
        app.Connector.Refuse(DeliveryKit.ConversationOf("dead", 0), 503, """{"error":{"code":"ServiceUnavailable","message":"down"}}""");

        var keys = await DeliveryKit.QueueAsync(app, "dead", count: 2, conversations: 2);
        var rows = await DeliveryKit.SettledAsync(app, keys);

        var dead = Assert.Single(rows, r => r.Status == OutboxStatus.DeadLetter);
        Assert.Equal(keys[0], dead.Key);
        Assert.Equal(3, dead.Attempts);
        Assert.Contains("gave up after 3 attempts: 503 ServiceUnavailable", dead.LastError);
        Assert.Equal(3, app.Connector.Attempts.Count(a => a.ActivityId == keys[0]));
        Assert.Equal(OutboxStatus.Sent, rows.Single(r => r.Key == keys[1]).Status);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/outbox");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await app.Http.SendAsync(request);
        var view = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var shown = Assert.Single(view["deadLetters"]!.AsArray(), d => d!["key"]!.GetValue<string>() == keys[0])!;
        Assert.Contains("gave up after 3 attempts: 503", shown["lastError"]!.GetValue<string>());
        Assert.Equal(3, shown["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_500_is_not_resent_because_the_message_may_have_been_posted()
    {
        await using var app = await BotApp.StartAsync();
        app.Connector.Refuse(DeliveryKit.ConversationOf("fivehundred", 0), 500, """{"error":{"code":"InternalServerError","message":"oops"}}""");

        var keys = await DeliveryKit.QueueAsync(app, "fivehundred", count: 1, conversations: 1);
        var row = Assert.Single(await DeliveryKit.SettledAsync(app, keys));

        Assert.Equal(OutboxStatus.DeadLetter, row.Status);
        Assert.Contains("500 InternalServerError", row.LastError);
        Assert.Single(app.Connector.Attempts, a => a.ActivityId == keys[0]);
    }

    [Theory]
    [InlineData(403, """{"error":{"code":"Forbidden","subCode":"MessageWritesBlocked","message":"blocked"}}""")]
    [InlineData(404, """{"error":{"code":"ConversationNotFound","message":"gone"}}""")]
    public async Task A_recipient_who_blocked_the_bot_is_marked_unreachable_once_and_their_rater_is_told(int status, string body)
    {
        await using var app = await BotApp.StartAsync();
        using var metrics = new MetricsRecorder(app.Services.GetRequiredService<KinerjaMetrics>());
        await app.InstallAsync(BotApp.Rina);
        await app.InstallAsync(BotApp.Budi);
        app.Connector.Refuse(BotApp.Budi.ConversationId, status, body);

        // Three messages wait for Budi; Teams refuses the first.
        List<string> keys;
        await using (var db = app.NewDb())
        {
            var budi = await db.ConversationRefs.AsNoTracking().SingleAsync(c => c.ConversationId == BotApp.Budi.ConversationId);
            var outbox = new KinerjaBot.Delivery.Outbox(db, app.Time);
            keys = ["blocked:1", "blocked:2", "blocked:3"];
            foreach (var key in keys)
            {
                outbox.Send(budi, new KinerjaBot.Protocol.Activities.Activity { Type = "message", Text = key }, "test.delivery", key);
            }

            await db.SaveChangesAsync();
        }

        var rows = await DeliveryKit.SettledAsync(app, keys);
        Assert.All(rows, r =>
        {
            Assert.Equal(OutboxStatus.DeadLetter, r.Status);
            Assert.StartsWith("recipient unreachable: " + status, r.LastError);
        });
        Assert.Single(app.Connector.Attempts, a => a.ConversationId == BotApp.Budi.ConversationId && a.ActivityId?.StartsWith("blocked:", StringComparison.Ordinal) == true);
        await using (var db = app.NewDb())
        {
            var reference = await db.ConversationRefs.AsNoTracking().SingleAsync(c => c.ConversationId == BotApp.Budi.ConversationId);
            Assert.False(reference.IsReachable);
            Assert.NotNull(reference.UnreachableSince);
        }

        // Next working day, Rina's digest says it (Monday 23 → Tuesday 24 November, 09:35 WIB), once.
        app.SetClock(ReminderKit.Wib(11, 24, 9, 35));
        await app.PlanAsync(ReminderKit.Wib(11, 24, 9, 35));
        var digest = await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Ringkasan tim"), "Rina's digest");
        var card = digest.Single(c => c.ConversationId == BotApp.Rina.ConversationId && c.CardText.Contains("Ringkasan tim")).CardText;
        Assert.Contains("Budi Santoso", card);
        Assert.Contains("Sejak 23 November 2026 pesan KinerjaBot tidak dapat disampaikan kepadanya", card);
        Assert.True(metrics["kinerjabot.reminders.planned"] >= 1);

        app.SetClock(ReminderKit.Wib(11, 25, 9, 35));
        await app.PlanAsync(ReminderKit.Wib(11, 25, 9, 35));
        var wednesday = (await app.RemindersAsync("reminder.escalation")).Where(r => r.Row.Key.Contains(":20261125:", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(wednesday, r => r.Row.ActivityJson.Contains("tidak dapat disampaikan", StringComparison.Ordinal));
        Assert.Equal(3, metrics["kinerjabot.outbox.dead_lettered"]);
    }

    [Fact]
    public async Task Delivery_counters_on_the_KinerjaBot_meter_add_up()
    {
        await using var app = await BotApp.StartAsync(new() { ["Delivery:MaxAttempts"] = "2" });
        using var metrics = new MetricsRecorder(app.Services.GetRequiredService<KinerjaMetrics>());
        app.Connector.Refuse(DeliveryKit.ConversationOf("metrics", 2), 503, """{"error":{"code":"ServiceUnavailable","message":"down"}}""");
        app.Connector.ThrottleNext(1, retryAfter: "0");

        // Three conversations: the first message is throttled once then sent, the second sent, the third fails twice.
        var keys = await DeliveryKit.QueueAsync(app, "metrics", count: 3, conversations: 3);
        await DeliveryKit.SettledAsync(app, keys);

        output.WriteLine(metrics.Summary());
        Assert.Equal(2, metrics["kinerjabot.outbox.sent"]);
        Assert.Equal(1, metrics["kinerjabot.outbox.throttled"]);
        Assert.Equal(3, metrics["kinerjabot.outbox.failed"]);
        Assert.Equal(2, metrics["kinerjabot.outbox.retried"]);
        Assert.Equal(1, metrics["kinerjabot.outbox.dead_lettered"]);
    }

    [Fact]
    public async Task A_throttled_reply_does_not_hold_the_inbound_request_and_arrives_later()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Siti);
        app.Connector.Hold();
        app.Connector.ThrottleNext(2, retryAfter: "1");
        var before = app.To(BotApp.Siti).Count;

        // The connector answers nothing until released: the bot must answer Teams anyway.
        using (var response = await app.PostAsync(app.Message(BotApp.Siti, "bantuan")))
        {
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, response.StatusCode.ToString());
        }

        Assert.Equal(before, app.To(BotApp.Siti).Count);
        app.Connector.Release();

        await app.Connector.WaitForAsync(calls => calls.Count(c => c.ConversationId == BotApp.Siti.ConversationId) > before, "the reply after the 429s");
        var reply = app.To(BotApp.Siti)[before];
        var id = reply.Body["id"]!.GetValue<string>();
        Assert.Equal([429, 429, 200], app.Connector.Attempts.Where(a => a.ActivityId == id).Select(a => a.Status));
        await using var db = app.NewDb();
        var row = await db.Outbox.AsNoTracking().SingleAsync(o => o.Key == id);
        Assert.Equal((OutboxStatus.Sent, 3), (row.Status, row.Attempts));
    }
}
