using System.Text.Json.Nodes;
using KinerjaBot.Features;
using KinerjaBot.Conversation;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Text;

/// <summary>
/// What people type and what Teams sends about them reaches the database the same way on both providers:
/// PostgreSQL refuses NUL and half a surrogate pair, SQLite stored them, so each case runs on both.
/// </summary>
public sealed class TextEdgeScenarios
{
    private const string Grin = "\U0001F600";

    [Fact]
    public Task NoteEndingInEmoji_AtTheLimit_StoredWholeOrRefusedWithAMessage_Sqlite() => NoteEndingInEmoji(TestDatabase.Sqlite);

    [PostgresFact]
    public Task NoteEndingInEmoji_AtTheLimit_StoredWholeOrRefusedWithAMessage_Postgres() => NoteEndingInEmoji(TestDatabase.Postgres);

    [Fact]
    public Task NulInNoteAndChat_IsDroppedAndTheUserAnswered_Sqlite() => NulInNoteAndChat(TestDatabase.Sqlite);

    [PostgresFact]
    public Task NulInNoteAndChat_IsDroppedAndTheUserAnswered_Postgres() => NulInNoteAndChat(TestDatabase.Postgres);

    [Fact]
    public Task OverLongNameLocaleAndTimeZone_AreCutAndTheUserAnswered_Sqlite() => OverLongDisplayValues(TestDatabase.Sqlite);

    [PostgresFact]
    public Task OverLongNameLocaleAndTimeZone_AreCutAndTheUserAnswered_Postgres() => OverLongDisplayValues(TestDatabase.Postgres);

    [Fact]
    public Task OverLongConversationId_IsRefusedWith400_Sqlite() => OverLongConversationId(TestDatabase.Sqlite);

    [PostgresFact]
    public Task OverLongConversationId_IsRefusedWith400_Postgres() => OverLongConversationId(TestDatabase.Postgres);

    private static async Task NoteEndingInEmoji(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await BotApp.StartAsync(database.Settings);
        var indicatorId = await IndicatorAsync(app);

        // 1,999 letters and an emoji: 2,001 code units, one over the card's 2,000.
        var refused = await app.ExecuteAsync(BotApp.Budi, Verbs.ProgressSubmit, Submit(indicatorId, new string('a', 1999) + Grin));
        Assert.Equal(200, refused.StatusCode);
        Assert.Contains("Catatan terlalu panjang (paling banyak 2000 karakter)", refused.CardText);

        var fits = new string('a', 1998) + Grin;
        var accepted = await app.ExecuteAsync(BotApp.Budi, Verbs.ProgressSubmit, Submit(indicatorId, fits));
        Assert.Contains("Tercatat", accepted.CardText);

        await using var db = app.NewDb();
        var notes = await db.ProgressEntries.Where(p => p.Employee!.Nip == BotApp.Budi.Nip && p.Note != null && p.Note.StartsWith("aaa")).Select(p => p.Note).ToListAsync();
        Assert.Equal([fits], notes);
    }

    private static async Task NulInNoteAndChat(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await BotApp.StartAsync(database.Settings);
        var indicatorId = await IndicatorAsync(app);

        var accepted = await app.ExecuteAsync(BotApp.Budi, Verbs.ProgressSubmit, Submit(indicatorId, "Server\0 SIAK\u0007 dipelihara\nbaris dua"));
        Assert.Contains("Tercatat", accepted.CardText);

        await app.SayAsync(BotApp.Siti, "lapor hari ini selesai 3 dari 5 laporan\0 pengaduan");
        await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Apakah ini benar?"), "confirmation card");

        await using var db = app.NewDb();
        Assert.Equal("Server SIAK dipelihara\nbaris dua", await db.ProgressEntries.Where(p => p.Employee!.Nip == BotApp.Budi.Nip).OrderByDescending(p => p.Id).Select(p => p.Note).FirstAsync());
    }

    private static async Task OverLongDisplayValues(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await BotApp.StartAsync(database.Settings);
        var name = new string('N', 255) + Grin + "\0";
        var message = app.Message(BotApp.Siti, "bantuan", locale: "id-ID-" + new string('x', 40));
        message.From!.Name = name;
        message.LocalTimezone = "Asia/Jakarta" + new string('z', 80);

        using var response = await app.PostAsync(message);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await app.WaitForAsync(BotApp.Siti, c => c.Card is not null || c.Text is not null, "an answer");
        await using var db = app.NewDb();
        var stored = await db.ConversationRefs.SingleAsync(c => c.UserId == BotApp.Siti.TeamsId);
        Assert.Equal(new string('N', 255), stored.UserName);
        Assert.Equal(("id-ID-" + new string('x', 40))[..32], stored.Locale);
        Assert.Equal(64, stored.TimeZone!.Length);
    }

    private static async Task OverLongConversationId(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await BotApp.StartAsync(database.Settings);
        var invoke = app.Invoke(BotApp.Siti, Verbs.ProgressForm);
        invoke.Conversation!.Id = "a:" + new string('c', 600);
        var message = app.Message(BotApp.Siti, "bantuan");
        message.From!.Id = "29:" + new string('u', 300);

        using var refused = await app.PostAsync(invoke);
        using var ignored = await app.PostAsync(message);

        Assert.Equal(System.Net.HttpStatusCode.OK, refused.StatusCode);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal(400, body["statusCode"]!.GetValue<int>());
        Assert.Equal(System.Net.HttpStatusCode.OK, ignored.StatusCode);
        await using var db = app.NewDb();
        Assert.Empty(await db.ConversationRefs.Where(c => c.ConversationId.Length > InboundText.MaxConversationId || c.UserId.Length > InboundText.MaxUserId).ToListAsync());
    }

    private static async Task<string> IndicatorAsync(BotApp app)
    {
        var form = await app.ExecuteAsync(BotApp.Budi, Verbs.ProgressForm);
        return form.Card!["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "indicatorId")!["choices"]![0]!["value"]!.GetValue<string>();
    }

    private static JsonObject Submit(string indicatorId, string note) => new()
    {
        ["indicatorId"] = indicatorId, ["value"] = "1", ["note"] = note, ["evidence"] = "https://drive.example.go.id/x",
    };
}
