using System.Text.Json.Nodes;
using KinerjaBot.Domain;
using KinerjaBot.Features;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaBot.Tests.Scenarios;

public sealed class FeedbackScenarios
{
    private static async Task<int> IdOfAsync(BotApp app, TestUser user)
    {
        await using var db = app.NewDb();
        return (await db.Employees.SingleAsync(e => e.Nip == user.Nip)).Id;
    }

    /// <summary>Siti asks Rina (her rater) for feedback on Akuntabel by chat and card; returns the request id.</summary>
    private static async Task<int> SitiRequestsAsync(BotApp app, string question = "apakah laporan saya sudah tepat waktu?")
    {
        await app.InstallAsync(BotApp.Rina);
        await app.SayAsync(BotApp.Siti, "minta umpan balik " + question);
        var form = (await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Minta umpan balik"), "request form")).Last(c => c.CardText.Contains("Minta umpan balik"));
        Assert.Contains("Rina Marlina, S.Sos., M.AP. (pejabat penilai)", form.CardText);
        Assert.Contains(question, form.CardText);
        Assert.Contains("Perilaku: Akuntabel", form.CardText);

        var sent = await app.ExecuteAsync(BotApp.Siti, Verbs.FeedbackRequestSubmit, new JsonObject
        {
            ["recipientId"] = (await IdOfAsync(app, BotApp.Rina)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["subject"] = "value:akuntabel", ["question"] = question, ["dueDate"] = "2026-11-30",
        });
        Assert.Contains("terkirim kepada Rina Marlina, S.Sos., M.AP.", sent.CardText);
        Assert.DoesNotContain("M.AP..", sent.CardText);
        await using var db = app.NewDb();
        return (await db.FeedbackRequests.OrderByDescending(f => f.Id).FirstAsync()).Id;
    }

    private static async Task<ConnectorCall> RecipientCardAsync(BotApp app, TestUser recipient) =>
        (await app.WaitForAsync(recipient, c => CardActions.Has(c.Card, Verbs.FeedbackAnswer), "recipient's card"))
        .Last(c => c.ConversationId == recipient.ConversationId && CardActions.Has(c.Card, Verbs.FeedbackAnswer));

    [Fact]
    public async Task Request_Answered_IsDeliveredToTheRequesterAndStored()
    {
        await using var app = await BotApp.StartAsync();
        var requestId = await SitiRequestsAsync(app);
        var card = await RecipientCardAsync(app, BotApp.Rina);
        Assert.Contains("Permintaan umpan balik dari Siti Nurhaliza", card.CardText);
        Assert.Contains("apakah laporan saya sudah tepat waktu?", card.CardText);
        var data = CardActions.DataOf(card.Card!, Verbs.FeedbackAnswer);
        data["answer"] = "Laporan Ibu selalu tepat waktu; pertahankan.";

        var answered = await app.ExecuteAsync(BotApp.Rina, Verbs.FeedbackAnswer, data, replyToId: card.ActivityId);

        Assert.Contains("Sudah dijawab", answered.CardText);
        Assert.False(CardActions.Has(answered.Card, Verbs.FeedbackAnswer));
        await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Umpan balik dari Rina") && c.CardText.Contains("pertahankan"), "answer delivered to Siti");
        await app.WaitForAsync(BotApp.Siti, c => c.Method == "PUT" && c.CardText.Contains("Sudah dijawab") && c.CardText.Contains("pertahankan"), "Siti's request card updated");
        await using var db = app.NewDb();
        var request = await db.FeedbackRequests.SingleAsync(f => f.Id == requestId);
        Assert.Equal(FeedbackRequestStatus.Answered, request.Status);
        Assert.Equal(new DateOnly(2026, 11, 30), request.DueDate);
        var note = await db.FeedbackNotes.SingleAsync(n => n.RequestId == requestId);
        Assert.Equal(BerAkhlakValue.Akuntabel, note.Behaviour);
        Assert.Equal(await IdOfAsync(app, BotApp.Siti), note.ToId);
        Assert.Equal(await IdOfAsync(app, BotApp.Rina), note.FromId);
    }

    [Fact]
    public async Task Request_Declined_RequesterToldTheReason()
    {
        await using var app = await BotApp.StartAsync();
        var requestId = await SitiRequestsAsync(app);
        var data = CardActions.DataOf((await RecipientCardAsync(app, BotApp.Rina)).Card!, Verbs.FeedbackDecline);
        data["reason"] = "Sedang cuti, silakan tanya Pak Agus";

        var declined = await app.ExecuteAsync(BotApp.Rina, Verbs.FeedbackDecline, data);

        Assert.Contains("Ditolak", declined.CardText);
        await app.WaitForAsync(BotApp.Siti, c => c.Text?.Contains("Sedang cuti, silakan tanya Pak Agus") == true, "decline reason reaches Siti");
        await using var db = app.NewDb();
        var request = await db.FeedbackRequests.SingleAsync(f => f.Id == requestId);
        Assert.Equal(FeedbackRequestStatus.Declined, request.Status);
        Assert.Equal("Sedang cuti, silakan tanya Pak Agus", request.DeclineReason);
        Assert.Empty(await db.FeedbackNotes.Where(n => n.RequestId == requestId).ToListAsync());
    }

    [Fact]
    public async Task Answer_ByAnotherEmployeeOrTwice_ChangesNothing()
    {
        await using var app = await BotApp.StartAsync();
        var requestId = await SitiRequestsAsync(app);
        var data = CardActions.DataOf((await RecipientCardAsync(app, BotApp.Rina)).Card!, Verbs.FeedbackAnswer);
        data["answer"] = "Bagus";

        var forged = await app.ExecuteAsync(BotApp.Budi, Verbs.FeedbackAnswer, data);
        Assert.Contains("tidak tersedia untuk Anda", forged.CardText);
        await using (var db = app.NewDb())
        {
            Assert.Equal(FeedbackRequestStatus.Open, (await db.FeedbackRequests.SingleAsync(f => f.Id == requestId)).Status);
        }

        await app.ExecuteAsync(BotApp.Rina, Verbs.FeedbackAnswer, data);
        var second = await app.ExecuteAsync(BotApp.Rina, Verbs.FeedbackAnswer, data);

        Assert.Contains("tidak ada yang diubah", second.CardText);
        await using var after = app.NewDb();
        Assert.Single(await after.FeedbackNotes.Where(n => n.RequestId == requestId).ToListAsync());
    }

    [Fact]
    public async Task Submit_Twice_CreatesOneRequest()
    {
        await using var app = await BotApp.StartAsync();
        await SitiRequestsAsync(app, "sama");

        var again = await app.ExecuteAsync(BotApp.Siti, Verbs.FeedbackRequestSubmit, new JsonObject
        {
            ["recipientId"] = (await IdOfAsync(app, BotApp.Rina)).ToString(System.Globalization.CultureInfo.InvariantCulture), ["subject"] = "value:akuntabel", ["question"] = "sama", ["dueDate"] = "2026-11-30",
        });

        Assert.Contains("sudah terkirim", again.CardText);
        await using var db = app.NewDb();
        Assert.Single(await db.FeedbackRequests.ToListAsync());
    }

    [Fact]
    public async Task Submit_ForgedRecipientOrBadDueDate_ExplainsAndKeepsInput()
    {
        await using var app = await BotApp.StartAsync();
        var outsider = await IdOfAsync(app, new TestUser("198507072010012004", "Nurul"));

        var forged = await app.ExecuteAsync(BotApp.Siti, Verbs.FeedbackRequestSubmit, new JsonObject { ["recipientId"] = outsider.ToString(System.Globalization.CultureInfo.InvariantCulture), ["subject"] = "value:loyal", ["question"] = "pertanyaan saya" });
        var late = await app.ExecuteAsync(BotApp.Siti, Verbs.FeedbackRequestSubmit, new JsonObject { ["recipientId"] = (await IdOfAsync(app, BotApp.Rina)).ToString(System.Globalization.CultureInfo.InvariantCulture), ["subject"] = "value:loyal", ["dueDate"] = "2026-01-01", ["question"] = "pertanyaan saya" });

        Assert.Contains("Pilih penerima dari daftar", forged.CardText);
        Assert.Contains("pertanyaan saya", forged.CardText);
        Assert.Contains("Tenggat harus", late.CardText);
        await using var db = app.NewDb();
        Assert.Empty(await db.FeedbackRequests.ToListAsync());
    }

    [Fact]
    public async Task Unprompted_FromProgressReviewCard_ReachesTheEmployeeAndIsStored()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Budi);
        await app.SayAsync(BotApp.Rina, "tinjau");
        var review = (await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Progres dari Budi") && CardActions.Has(c.Card, Verbs.FeedbackGive), "Budi's review card with give feedback"))
            .Last(c => c.CardText.Contains("Progres dari Budi"));
        var data = CardActions.DataOf(review.Card!, Verbs.FeedbackGive);
        data["feedbackText"] = "Laporan pemeliharaan rapi, tambahkan tangkapan layar.";

        var result = await app.ExecuteAsync(BotApp.Rina, Verbs.FeedbackGive, data);

        Assert.Contains("Umpan balik terkirim kepada Budi", result.CardText);
        Assert.True(CardActions.Has(result.Card, Verbs.ProgressApprove), "the review card stays actionable");
        await app.WaitForAsync(BotApp.Budi, c => c.CardText.Contains("Umpan balik dari Rina") && c.CardText.Contains("tangkapan layar"), "feedback reaches Budi");
        await using var db = app.NewDb();
        var note = await db.FeedbackNotes.SingleAsync();
        Assert.Equal(data["employeeId"]!.GetValue<int>(), note.ToId);
        Assert.NotNull(note.ProgressEntryId);
        Assert.Null(note.RequestId);

        var twice = await app.ExecuteAsync(BotApp.Rina, Verbs.FeedbackGive, data);
        Assert.Contains("sudah terkirim", twice.CardText);
        await using var after = app.NewDb();
        Assert.Single(await after.FeedbackNotes.ToListAsync());
    }

    [Fact]
    public async Task Unprompted_FromStatusCard_OnAnRhk()
    {
        await using var app = await BotApp.StartAsync();
        await app.SayAsync(BotApp.Rina, "status");
        var status = (await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Beri umpan balik"), "status card with give feedback")).Last(c => c.CardText.Contains("Kinerja Ibu Rina"));
        Assert.Contains("Siti Nurhaliza", status.CardText);
        var siti = await IdOfAsync(app, BotApp.Siti);

        var form = await app.ExecuteAsync(BotApp.Rina, Verbs.FeedbackGiveForm, new JsonObject { ["employeeId"] = siti.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains("Umpan balik untuk Siti", form.CardText);
        var rhkChoice = form.Card!["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "subject")!["choices"]!.AsArray()
            .Select(c => c!["value"]!.GetValue<string>()).First(v => v.StartsWith("rhk:", StringComparison.Ordinal));
        var data = CardActions.DataOf(form.Card!, Verbs.FeedbackGive);
        data["subject"] = rhkChoice;
        data["feedbackText"] = "Penerbitan KTP-el triwulan ini sangat baik.";

        var sent = await app.ExecuteAsync(BotApp.Rina, Verbs.FeedbackGive, data);

        Assert.Contains("terkirim kepada Siti", sent.CardText);
        await using var db = app.NewDb();
        var note = await db.FeedbackNotes.SingleAsync();
        Assert.Equal(int.Parse(rhkChoice[4..], System.Globalization.CultureInfo.InvariantCulture), note.RhkId);
    }

    [Fact]
    public async Task Unprompted_ToSomeoneNotInYourTeam_IsRefused()
    {
        await using var app = await BotApp.StartAsync();
        var siti = await IdOfAsync(app, BotApp.Siti);

        var result = await app.ExecuteAsync(BotApp.Budi, Verbs.FeedbackGive, new JsonObject { ["employeeId"] = siti, ["subject"] = "value:loyal", ["feedbackText"] = "x" });

        Assert.Contains("hanya dapat diberikan kepada pegawai yang Anda nilai", result.CardText);
        await using var db = app.NewDb();
        Assert.Empty(await db.FeedbackNotes.ToListAsync());
    }

    [Fact]
    public async Task Request_RecipientLeft_ReroutedToTheNewRater()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Hendra);
        var requestId = await SitiRequestsAsync(app);
        await RecipientCardAsync(app, BotApp.Rina);
        await using (var db = app.NewDb())
        {
            var rina = await db.Employees.SingleAsync(e => e.Nip == BotApp.Rina.Nip);
            var siti = await db.Employees.SingleAsync(e => e.Nip == BotApp.Siti.Nip);
            rina.IsActive = false;
            siti.RaterId = (await db.Employees.SingleAsync(e => e.Nip == BotApp.Hendra.Nip)).Id;
            await db.SaveChangesAsync();
        }

        await app.SayAsync(BotApp.Siti, "umpan balik");

        await app.WaitForAsync(BotApp.Siti, c => c.Text?.Contains("dialihkan kepada Drs. Hendra") == true, "Siti told about the reroute");
        await app.WaitForAsync(BotApp.Hendra, c => CardActions.Has(c.Card, Verbs.FeedbackAnswer) && c.CardText.Contains("Siti"), "Hendra gets the request");
        await app.WaitForAsync(BotApp.Rina, c => c.Method == "PUT" && c.CardText.Contains("Siti") && !CardActions.Has(c.Card, Verbs.FeedbackAnswer), "Rina's card no longer offers an answer");
        await using var after = app.NewDb();
        var request = await after.FeedbackRequests.SingleAsync(f => f.Id == requestId);
        Assert.Equal(FeedbackRequestStatus.Open, request.Status);
        Assert.Equal((await after.Employees.SingleAsync(e => e.Nip == BotApp.Hendra.Nip)).Id, request.RecipientId);
    }

    [Fact]
    public async Task Request_RecipientLeftAndNoRater_ClosedWithAMessage()
    {
        await using var app = await BotApp.StartAsync();
        var requestId = await SitiRequestsAsync(app);
        await using (var db = app.NewDb())
        {
            (await db.Employees.SingleAsync(e => e.Nip == BotApp.Rina.Nip)).IsActive = false;
            (await db.Employees.SingleAsync(e => e.Nip == BotApp.Siti.Nip)).RaterId = null;
            await db.SaveChangesAsync();
        }

        await app.SayAsync(BotApp.Siti, "umpan balik");

        await app.WaitForAsync(BotApp.Siti, c => c.Text?.Contains("ditutup") == true, "Siti told the request was closed");
        await using var after = app.NewDb();
        Assert.Equal(FeedbackRequestStatus.Closed, (await after.FeedbackRequests.SingleAsync(f => f.Id == requestId)).Status);
    }

    [Fact]
    public async Task Sweep_RecipientMovedToAnotherUnitWithoutAnyChat_RequestReachesTheCurrentRater()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Hendra);
        var requestId = await SitiRequestsAsync(app);
        await using (var db = app.NewDb())
        {
            // A directory import moved Rina to another unit and gave Siti a new rater.
            var rina = await db.Employees.SingleAsync(e => e.Nip == BotApp.Rina.Nip);
            rina.UnitId = (await db.Units.SingleAsync(u => u.Code == "MKS-DISDIK")).Id;
            (await db.Employees.SingleAsync(e => e.Nip == BotApp.Siti.Nip)).RaterId = (await db.Employees.SingleAsync(e => e.Nip == BotApp.Hendra.Nip)).Id;
            await db.SaveChangesAsync();
        }

        var changed = await app.Services.GetRequiredService<KinerjaBot.Features.Feedback.FeedbackSweep>().SweepOnceAsync(CancellationToken.None);
        var again = await app.Services.GetRequiredService<KinerjaBot.Features.Feedback.FeedbackSweep>().SweepOnceAsync(CancellationToken.None);

        Assert.Equal((1, 0), (changed, again));
        await app.WaitForAsync(BotApp.Hendra, c => CardActions.Has(c.Card, Verbs.FeedbackAnswer) && c.CardText.Contains("Siti"), "Hendra gets the request");
        await app.WaitForAsync(BotApp.Siti, c => c.Text?.Contains("dialihkan") == true, "Siti told");
        await using var after = app.NewDb();
        Assert.Equal((await after.Employees.SingleAsync(e => e.Nip == BotApp.Hendra.Nip)).Id, (await after.FeedbackRequests.SingleAsync(f => f.Id == requestId)).RecipientId);
    }
}
