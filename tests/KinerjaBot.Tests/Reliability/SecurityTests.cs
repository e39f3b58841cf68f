using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Features;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Connector;
using KinerjaBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace KinerjaBot.Tests.Reliability;

/// <summary>
/// End to end through the app: tokens stay with trusted service URLs, card data cannot name the actor,
/// and hostile free text is stored exactly and shown as plain text. (JWT rejection is proven in
/// KinerjaBot.Protocol.Tests/Authentication; admin keys in Admin/.)
/// </summary>
public sealed class SecurityTests
{
    /// <summary>SQL, HTML, a javascript: markdown link, a Teams mention and Adaptive Card templating in one note.</summary>
    public const string Hostile = "'; DROP TABLE employees;-- <script>alert(1)</script> [klik](javascript:alert(1)) **tebal** <at>Rina</at> @Rina ${$root.secret} {{DATE(2026-01-01T00:00:00Z)}}";

    private sealed class CountingTokens : IAccessTokenProvider
    {
        public int Requests;

        public bool IsConfigured => true;

        public Task<string> GetTokenAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref Requests);
            return Task.FromResult("secret-token");
        }
    }

    [Fact]
    public async Task ActivityNamingAnUntrustedServiceUrl_NeverReceivesTheToken()
    {
        var received = new ConcurrentQueue<string>();
        var evil = WebApplication.CreateSlimBuilder();
        evil.WebHost.UseUrls("http://127.0.0.1:0");
        evil.Logging.ClearProviders();
        await using var evilApp = evil.Build();
        evilApp.Run(async http =>
        {
            received.Enqueue($"{http.Request.Method} {http.Request.Path} auth={http.Request.Headers.Authorization}");
            await http.Response.WriteAsJsonAsync(new { id = "x" });
        });
        await evilApp.StartAsync();
        var evilUrl = evilApp.Urls.First() + "/";
        var tokens = new CountingTokens();
        await using var app = await BotApp.StartAsync(
            new() { ["Bot:Connector:AllowInsecureTrustedHttp"] = "true" },
            services: s =>
            {
                s.RemoveAll<IAccessTokenProvider>();
                s.AddSingleton<IAccessTokenProvider>(tokens);
            });

        foreach (var (user, serviceUrl) in new[] { (BotApp.Siti, evilUrl), (BotApp.Budi, "http://evil.example/") })
        {
            var activity = app.Message(user, "status");
            activity.ServiceUrl = serviceUrl;
            using var response = await app.PostAsync(activity);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var rows = new List<OutboxMessage>();
        for (var i = 0; i < 100 && (rows.Count < 2 || rows.Any(r => r.Status == OutboxStatus.Pending)); i++)
        {
            await Task.Delay(100);
            await using var db = app.NewDb();
            rows = await db.Outbox.AsNoTracking().Where(o => o.ServiceUrl == evilUrl || o.ServiceUrl == "http://evil.example/").ToListAsync();
        }

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.DeadLetter, r.Status));
        Assert.Empty(received);
        Assert.Equal(0, tokens.Requests);
    }

    private static async Task<int> IdOfAsync(BotApp app, TestUser user)
    {
        await using var db = app.NewDb();
        return (await db.Employees.SingleAsync(e => e.Nip == user.Nip)).Id;
    }

    private static async Task<(int Id, int Version)> SitiSubmitsAsync(BotApp app, string note = "laporan")
    {
        var form = await app.ExecuteAsync(BotApp.Siti, Verbs.ProgressForm);
        var indicatorId = form.Card!["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "indicatorId")!["choices"]![0]!["value"]!.GetValue<string>();
        var submitted = await app.ExecuteAsync(BotApp.Siti, Verbs.ProgressSubmit, new JsonObject { ["indicatorId"] = indicatorId, ["value"] = "3", ["note"] = note });
        Assert.Contains("Tercatat", submitted.CardText);
        await using var db = app.NewDb();
        var entry = await db.ProgressEntries.OrderByDescending(p => p.Id).FirstAsync(p => p.Employee!.Nip == BotApp.Siti.Nip);
        return (entry.Id, entry.Version);
    }

    [Fact]
    public async Task CardData_NamingAnotherPerson_ActsAsTheSenderOnly()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Rina);
        var (entryId, version) = await SitiSubmitsAsync(app);
        var rinaId = await IdOfAsync(app, BotApp.Rina);
        var sitiId = await IdOfAsync(app, BotApp.Siti);
        JsonObject PosingAs(TestUser who, int id) => new()
        {
            ["entryId"] = entryId, ["version"] = version, ["reviewNote"] = "x",
            ["employeeId"] = id, ["approverId"] = id, ["raterId"] = id, ["actorId"] = id,
            ["aadObjectId"] = who.Aad, ["nip"] = who.Nip, ["from"] = new JsonObject { ["id"] = who.TeamsId, ["aadObjectId"] = who.Aad },
        };

        // Siti approves her own entry "as Rina"; Budi withdraws and edits Siti's entry "as Siti"; Budi approves "as Rina".
        var attempts = new[]
        {
            await app.ExecuteAsync(BotApp.Siti, Verbs.ProgressApprove, PosingAs(BotApp.Rina, rinaId)),
            await app.ExecuteAsync(BotApp.Siti, Verbs.ProgressReturn, PosingAs(BotApp.Rina, rinaId)),
            await app.ExecuteAsync(BotApp.Budi, Verbs.ProgressWithdraw, PosingAs(BotApp.Siti, sitiId)),
            await app.ExecuteAsync(BotApp.Budi, Verbs.ProgressEdit, PosingAs(BotApp.Siti, sitiId).Also(d => d["value"] = "99")),
            await app.ExecuteAsync(BotApp.Budi, Verbs.ProgressApprove, PosingAs(BotApp.Rina, rinaId)),
        };

        Assert.All(attempts, a => Assert.False(a.CardText.Contains("Disetujui") || a.CardText.Contains("Dikembalikan") || a.CardText.Contains("Ditarik"), a.CardText));
        await using var db = app.NewDb();
        var entry = await db.ProgressEntries.AsNoTracking().SingleAsync(p => p.Id == entryId);
        Assert.Equal((ProgressStatus.Submitted, version, 3m, (int?)null), (entry.Status, entry.Version, entry.Value, entry.ReviewedById));
        var id = entryId.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.EntityType == "ProgressEntry" && a.EntityId == id && a.Action == "Modified"));
    }

    [Fact]
    public async Task FeedbackAnswer_FromSomeoneElseNamingTheRecipient_IsRefused()
    {
        await using var app = await BotApp.StartAsync();
        var requestId = await SitiAsksRinaAsync(app);
        var rinaId = await IdOfAsync(app, BotApp.Rina);

        await app.ExecuteAsync(BotApp.Budi, Verbs.FeedbackAnswer, new JsonObject
        {
            ["requestId"] = requestId, ["version"] = 0, ["answer"] = "palsu", ["recipientId"] = rinaId, ["employeeId"] = rinaId, ["aadObjectId"] = BotApp.Rina.Aad,
        });

        await using var db = app.NewDb();
        Assert.Equal(FeedbackRequestStatus.Open, (await db.FeedbackRequests.AsNoTracking().SingleAsync(r => r.Id == requestId)).Status);
        Assert.Empty(await db.FeedbackNotes.Where(n => n.Text == "palsu").ToListAsync());
    }

    private static async Task<int> SitiAsksRinaAsync(BotApp app)
    {
        await app.InstallAsync(BotApp.Rina);
        var sent = await app.ExecuteAsync(BotApp.Siti, Verbs.FeedbackRequestSubmit, new JsonObject
        {
            ["recipientId"] = (await IdOfAsync(app, BotApp.Rina)).ToString(CultureInfo.InvariantCulture), ["subject"] = "value:akuntabel", ["question"] = "bagaimana?", ["dueDate"] = "2026-11-30",
        });
        Assert.Contains("terkirim", sent.CardText);
        await using var db = app.NewDb();
        return (await db.FeedbackRequests.OrderByDescending(f => f.Id).FirstAsync()).Id;
    }

    /// <summary>Every card element carrying <paramref name="text"/> is a TextRun (never read as markdown).</summary>
    private static void AssertShownAsPlainText(JsonNode? card, string text)
    {
        var carriers = new List<JsonObject>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["text"] is JsonValue v && v.TryGetValue(out string? s) && s.Contains(text, StringComparison.Ordinal))
                    {
                        carriers.Add(o);
                    }

                    foreach (var (_, child) in o)
                    {
                        Walk(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Walk(child);
                    }

                    break;
            }
        }

        Walk(card);
        Assert.NotEmpty(carriers);
        Assert.All(carriers, c => Assert.Equal("TextRun", c["type"]?.GetValue<string>()));
    }

    [Fact]
    public async Task HostileProgressNoteAndReturnNote_AreStoredExactly_AndShownAsPlainText()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Rina);
        int employeesBefore;
        await using (var db = app.NewDb())
        {
            employeesBefore = await db.Employees.CountAsync();
        }

        var (entryId, version) = await SitiSubmitsAsync(app, Hostile);
        var review = (await app.WaitForAsync(BotApp.Rina, c => CardActions.Has(c.Card, Verbs.ProgressApprove), "review card"))
            .Last(c => c.ConversationId == BotApp.Rina.ConversationId && CardActions.Has(c.Card, Verbs.ProgressApprove));
        AssertShownAsPlainText(review.Card, Hostile);

        var returned = await app.ExecuteAsync(BotApp.Rina, Verbs.ProgressReturn, new JsonObject { ["entryId"] = entryId, ["version"] = version, ["reviewNote"] = Hostile });
        AssertShownAsPlainText(returned.Card, Hostile);
        var message = (await app.WaitForAsync(BotApp.Siti, c => c.Text?.Contains(Hostile, StringComparison.Ordinal) == true, "return note message"))
            .Last(c => c.Text?.Contains(Hostile, StringComparison.Ordinal) == true);
        Assert.Equal(TextFormats.Plain, message.Body["textFormat"]?.GetValue<string>());
        // The official Adaptive Cards library accepts the RichTextBlock form.
        CardValidator.ValidateAll(new Dictionary<string, JsonNode> { ["review"] = review.Card!, ["returned"] = returned.Card! }).AssertValid();

        await using var after = app.NewDb();
        var entry = await after.ProgressEntries.AsNoTracking().SingleAsync(p => p.Id == entryId);
        Assert.Equal((Hostile, Hostile), (entry.Note, entry.ReviewNote));
        Assert.Equal(employeesBefore, await after.Employees.CountAsync());
    }

    [Fact]
    public async Task HostileFeedbackAnswer_IsStoredExactly_AndShownAsPlainText()
    {
        await using var app = await BotApp.StartAsync();
        var requestId = await SitiAsksRinaAsync(app);
        var card = (await app.WaitForAsync(BotApp.Rina, c => CardActions.Has(c.Card, Verbs.FeedbackAnswer), "recipient's card"))
            .Last(c => c.ConversationId == BotApp.Rina.ConversationId && CardActions.Has(c.Card, Verbs.FeedbackAnswer));
        var data = CardActions.DataOf(card.Card!, Verbs.FeedbackAnswer);
        data["answer"] = Hostile;

        await app.ExecuteAsync(BotApp.Rina, Verbs.FeedbackAnswer, data);

        var delivered = (await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains(Hostile, StringComparison.Ordinal), "answer delivered to Siti"))
            .Where(c => c.ConversationId == BotApp.Siti.ConversationId && c.CardText.Contains(Hostile, StringComparison.Ordinal));
        Assert.All(delivered, c => AssertShownAsPlainText(c.Card, Hostile));
        CardValidator.ValidateAll(delivered.Select((c, i) => (c, i)).ToDictionary(x => $"delivered-{x.i}", x => (JsonNode)x.c.Card!)).AssertValid();
        await using var db = app.NewDb();
        Assert.Equal(Hostile, (await db.FeedbackNotes.AsNoTracking().SingleAsync(n => n.RequestId == requestId)).Text);
        Assert.True(await db.Employees.AnyAsync());
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}
