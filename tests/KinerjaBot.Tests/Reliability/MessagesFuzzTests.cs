using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaBot.Features;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace KinerjaBot.Tests.Reliability;

/// <summary>
/// Thousands of malformed and hostile requests to <c>/api/messages</c> from a fixed seed: each one gets a
/// 4xx or a handled answer, no handler logs an exception, and the database stays sound.
/// </summary>
public sealed class MessagesFuzzTests(ITestOutputHelper output)
{
    public const int Seed = 20261123;
    public const int Cases = 3000;

    private static readonly TestUser[] Senders = [BotApp.Rina, BotApp.Budi, BotApp.Siti, BotApp.Hendra, BotApp.Stranger];

    [Fact]
    public async Task Fuzz_EveryRequestIsRefusedOrHandled_AndTheDatabaseStaysSound()
    {
        var total = System.Diagnostics.Stopwatch.StartNew();
        await using var app = await BotApp.StartAsync();
        var targets = await SeedRecordsAsync(app);
        var logs = LogCapture.AttachTo(app.Services);
        var pick = new Random(Seed + 1);
        JsonObject Message() => AsJson(app.Message(Senders[pick.Next(Senders.Length)], "lapor 2 laporan pengaduan"));
        JsonObject Invoke() => AsJson(app.Invoke(Senders[pick.Next(Senders.Length)], Verbs.ProgressApprove, new JsonObject { ["entryId"] = targets.EntryIds[0], ["version"] = 1 }));
        var cases = new ActivityFuzzer(Seed, Message, Invoke, targets).Generate(Cases);

        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // A few at a time, as Teams delivers: the inputs are fixed by the seed, the interleaving is not.
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (fuzz, _) =>
        {
            var (status, body) = await SendAsync(app, fuzz);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var invokeStatus = status == 200 ? InvokeStatusOf(body) : null;
            // 501 is the protocol's answer to an invoke name the bot does not implement; 500 is the apology after a crash.
            if (status is not (200 or 202 or 400 or 401 or 413 or 415) || invokeStatus is 500 or > 501)
            {
                failures.Enqueue($"{fuzz} → HTTP {status}{(invokeStatus is null ? "" : $", invoke {invokeStatus}")} {body}");
            }
        });
        var elapsed = clock.Elapsed;

        // Replies are delivered in the background; let the outbox settle before reading the logs.
        await DrainOutboxAsync(app);
        output.WriteLine($"{cases.Count} cases, seed {Seed}, {elapsed.TotalSeconds:0.0} s sending, {total.Elapsed.TotalSeconds:0.0} s in all; HTTP statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        var errors = logs.Errors;
        Assert.True(failures.IsEmpty && errors.Count == 0,
            $"{failures.Count} requests failed, {errors.Count} errors logged:\n{string.Join("\n", failures.Take(20))}\n--- log ---\n{string.Join("\n", errors.Take(10))}");
        Assert.Equal(Cases, statuses.Values.Sum());
        Assert.True(statuses.Keys.Any(s => s < 300) && statuses.Keys.Any(s => s >= 400), "the fuzzer reaches both the handlers and the refusals");

        Integrity.AssertSqliteSound(app.DatabasePath);
        await Integrity.AssertDomainSoundAsync(app);
    }

    private static JsonObject AsJson(Activity activity) => JsonNode.Parse(ProtocolJson.Serialize(activity))!.AsObject();

    private static async Task<(int Status, string Body)> SendAsync(BotApp app, FuzzCase fuzz)
    {
        using var content = new ByteArrayContent(fuzz.Body);
        content.Headers.ContentType = fuzz.ContentType is null ? null : MediaTypeHeaderValue.Parse(fuzz.ContentType);
        using var response = await app.Http.PostAsync("/api/messages", content);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, body.Length > 500 ? body[..500] : body);
    }

    private static int? InvokeStatusOf(string body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body)?["statusCode"]?.GetValue<int>();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Real progress entries, a feedback request and an appraisal the hostile card data can point at.</summary>
    private static async Task<FuzzTargets> SeedRecordsAsync(BotApp app)
    {
        await app.InstallAsync(BotApp.Rina);
        foreach (var user in new[] { BotApp.Siti, BotApp.Budi })
        {
            var form = await app.ExecuteAsync(user, Verbs.ProgressForm);
            var indicatorId = form.Card!["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "indicatorId")!["choices"]![0]!["value"]!.GetValue<string>();
            for (var i = 1; i <= 2; i++)
            {
                var submitted = await app.ExecuteAsync(user, Verbs.ProgressSubmit, new JsonObject { ["indicatorId"] = indicatorId, ["value"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ["note"] = "benih" });
                Assert.Contains("Tercatat", submitted.CardText);
            }
        }

        await using var db = app.NewDb();
        var rina = await db.Employees.SingleAsync(e => e.Nip == BotApp.Rina.Nip);
        var request = await app.ExecuteAsync(BotApp.Siti, Verbs.FeedbackRequestSubmit, new JsonObject
        {
            ["recipientId"] = rina.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["subject"] = "value:akuntabel", ["question"] = "bagaimana?", ["dueDate"] = "2026-11-30",
        });
        Assert.Contains("terkirim", request.CardText);
        var budi = await db.Employees.SingleAsync(e => e.Nip == BotApp.Budi.Nip);
        await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalOpen, new JsonObject { ["employeeId"] = budi.Id, ["period"] = "2026-Q3" });

        return new FuzzTargets(
            await db.ProgressEntries.Select(p => p.Id).ToListAsync(),
            await db.Employees.Select(e => e.Id).ToListAsync(),
            await db.Indicators.Select(i => i.Id).ToListAsync(),
            await db.FeedbackRequests.Select(f => f.Id).ToListAsync(),
            await db.Appraisals.Select(a => a.Id).ToListAsync());
    }

    private static async Task DrainOutboxAsync(BotApp app)
    {
        for (var i = 0; i < 100; i++)
        {
            await using var db = app.NewDb();
            if (!await db.Outbox.AnyAsync(o => o.Status == Data.Model.OutboxStatus.Pending && o.Attempts == 0))
            {
                return;
            }

            await Task.Delay(100);
        }
    }
}
