using System.Net;
using KinerjaBot.Data.Model;
using KinerjaBot.Protocol.Tests.Authentication;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace KinerjaBot.Tests.Delivery;

/// <summary>
/// What a valid token vouched for outlives the process: rows queued for a service URL that is not on the
/// allow-list are delivered by the next process on the same database, which has seen no token, while a URL no
/// token vouched for is refused after the restart exactly as before it.
/// </summary>
public sealed class TrustedServiceUrlRestartTests(BotMetadataServer server, ITestOutputHelper output) : IClassFixture<BotMetadataServer>
{
    [Fact]
    public async Task Restarted_bot_delivers_every_row_queued_for_a_vouched_service_url_and_still_refuses_an_unvouched_one()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        // Neither is on the allow-list (*.botframework.com, smba.trafficmanager.net…): only a token can vouch for them.
        await using var vouched = await StandInConnector.StartAsync();
        await using var unvouched = await StandInConnector.StartAsync();
        vouched.DedupeByActivityId = true;
        vouched.Latency = TimeSpan.FromMilliseconds(20);
        var tokens = new BotTokens();
        var settings = AuthenticatedBot.Settings(server, database.Settings);
        List<string> keys, refusedKeys;
        int pendingAtStop;

        await using (var first = await BotApp.StartAsync(settings, services: AuthenticatedBot.Credentials(tokens)))
        {
            var message = first.Message(BotApp.Siti, "bantuan");
            message.ServiceUrl = vouched.ServiceUrl;
            using (var response = await first.PostAsync(message, AuthenticatedBot.ChannelToken(server, vouched.ServiceUrl, first.Time.GetUtcNow())))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            await vouched.WaitForAsync(calls => calls.Any(c => c.ConversationId == BotApp.Siti.ConversationId), "the reply at the vouched service URL");
            await using (var db = first.NewDb())
            {
                keys = await DeliveryKit.QueueAsync(db, first.Time, vouched.ServiceUrl, "vouched", count: 200, conversations: 20);
                refusedKeys = await DeliveryKit.QueueAsync(db, first.Time, unvouched.ServiceUrl, "unvouched", count: 10, conversations: 2);
            }
        }

        // The process is gone; whatever it had not sent waits in the table.
        await using (var db = database.NewContext())
        {
            pendingAtStop = await db.Outbox.CountAsync(o => keys.Contains(o.Key) && o.Status == OutboxStatus.Pending);
        }

        output.WriteLine($"pending at stop: {pendingAtStop} of {keys.Count}");
        Assert.True(pendingAtStop > 0, "the stop came before everything was sent");

        // A new process, on the same database, that receives no token at all.
        await using (var second = await BotApp.StartAsync(settings, services: AuthenticatedBot.Credentials(tokens)))
        {
            var rows = await DeliveryKit.SettledAsync(second, keys, timeoutSeconds: 120);
            var refused = await DeliveryKit.SettledAsync(second, refusedKeys, timeoutSeconds: 60);
            var deadLetters = rows.Where(r => r.Status != OutboxStatus.Sent).Select(r => $"{r.Key}: {r.LastError}").ToList();
            output.WriteLine($"after restart: sent={rows.Count(r => r.Status == OutboxStatus.Sent)} dead-lettered={deadLetters.Count} {string.Join("; ", deadLetters.Take(3))}");
            Assert.Empty(deadLetters);
            Assert.All(refused, r => Assert.Equal(OutboxStatus.DeadLetter, r.Status));
            Assert.All(refused, r => Assert.Contains("untrusted", r.LastError, StringComparison.OrdinalIgnoreCase));
        }

        var tally = DeliveryKit.Tally(keys, vouched.DeliveredById);
        output.WriteLine($"queued={keys.Count} delivered={tally.Delivered} lost={tally.Lost} duplicated={tally.Duplicated}");
        Assert.Equal((keys.Count, 0, 0, 0), tally);
        Assert.Empty(unvouched.Calls);
        Assert.Empty(unvouched.Attempts);
    }
}
