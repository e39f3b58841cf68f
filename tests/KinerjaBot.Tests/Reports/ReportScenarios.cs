using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Features;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Reports;

/// <summary>A rater asks for the team card and a head of unit for the unit overview, through /api/messages.</summary>
public sealed class ReportScenarios
{
    private static async Task<int> IdOfAsync(BotApp app, TestUser user)
    {
        await using var db = app.NewDb();
        return await db.Employees.Where(e => e.Nip == user.Nip).Select(e => e.Id).SingleAsync();
    }

    [Fact]
    public async Task Tim_ShowsWhoLoggedWhatThisMonth_PendingReviews_AndOverdueItems()
    {
        await using var app = await BotApp.StartAsync();
        var siti = await IdOfAsync(app, BotApp.Siti);
        var budi = await IdOfAsync(app, BotApp.Budi);
        await using (var db = app.NewDb())
        {
            db.FeedbackRequests.Add(new FeedbackRequest
            {
                RequesterId = budi, RecipientId = siti, Question = "Bagaimana laporan saya?", DueDate = new DateOnly(2026, 11, 20),
                Status = FeedbackRequestStatus.Open, CreatedAt = BotApp.DefaultNow.AddDays(-7),
            });
            await db.SaveChangesAsync();
        }

        await app.SayAsync(BotApp.Rina, "tim");

        var card = (await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Tim Ibu Rina"), "team card")).Last(c => c.CardText.Contains("Tim Ibu Rina"));
        Assert.Contains("Tim Ibu Rina — November 2026", card.CardText);
        Assert.Contains("3 anggota · 3 laporan menunggu tinjauan · 3 anggota dengan tunggakan", card.CardText);
        Assert.Contains("Bulan ini: 1 laporan (Jumlah laporan pengaduan yang diselesaikan)", card.CardText);
        Assert.Contains("Bulan ini: 1 laporan (Jumlah data ganda yang diverifikasi)", card.CardText);
        // Agus logged nothing in October; the realisation was due early November.
        Assert.Equal(1, Occurrences(card.CardText, "Realisasi Oktober 2026 belum dilaporkan"));
        Assert.Contains("Permintaan umpan balik dari Budi Santoso, S.Kom. belum dijawab (batas 20 November 2026)", card.CardText);
        Assert.Equal(3, Occurrences(card.CardText, "Penilaian Triwulan III Tahun 2026 belum final"));
        Assert.Contains($"\"verb\":\"{Verbs.ReviewList}\"", card.Card!.ToJsonString());

        var refreshed = await app.ExecuteAsync(BotApp.Rina, Verbs.ReportTeam);
        Assert.Contains("Tim Ibu Rina", refreshed.CardText);
    }

    [Fact]
    public async Task Team_InEnglish_AndForSomeoneWithoutATeam()
    {
        await using var app = await BotApp.StartAsync();

        await app.SayAsync(BotApp.Rina, "language english", locale: "en-US");
        await app.SayAsync(BotApp.Rina, "team", locale: "en-US");
        var card = (await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Rina's team"), "English team card"))[^1];
        Assert.Contains("3 members · 3 reports waiting for review", card.CardText);
        Assert.Contains("Realisation for October 2026 not reported", card.CardText);

        await app.SayAsync(BotApp.Budi, "tim");
        var empty = await app.WaitForAsync(BotApp.Budi, c => c.CardText.Contains("tidak memiliki anggota tim"), "empty team card");
        Assert.NotEmpty(empty);
    }

    [Fact]
    public async Task RingkasanUnit_ShowsCompletionPerPersonAndSubUnit_AndThePredikatDistribution_OnlyForHeads()
    {
        await using var app = await BotApp.StartAsync();
        var siti = await IdOfAsync(app, BotApp.Siti);
        var rina = await IdOfAsync(app, BotApp.Rina);
        await using (var db = app.NewDb())
        {
            db.Appraisals.Add(new Appraisal
            {
                EmployeeId = siti, RaterId = rina, PeriodCode = PerformancePeriod.Quarter(2026, 3).Code, Status = AppraisalStatus.Finalized,
                WorkResultRating = Rating.MeetsExpectation, BehaviourRating = Rating.MeetsExpectation, Predikat = Predikat.Baik,
            });
            await db.SaveChangesAsync();
        }

        await app.SayAsync(BotApp.Hendra, "ringkasan unit");
        var card = (await app.WaitForAsync(BotApp.Hendra, c => c.CardText.Contains("Ringkasan Dinas Kependudukan"), "unit overview"))[^1];
        Assert.Contains("Bidang Pelayanan Pendaftaran Penduduk", card.CardText);
        Assert.Contains("4 pegawai · 3 melapor bulan ini · 4 memiliki SKP", card.CardText);
        // Siti: 180 of 2,400 KTP-el approved, nothing else yet: (7.5 + 0 + 0) / 3 = 2.5 → 2 %.
        Assert.Contains("2 % · 1 laporan bulan ini", card.CardText);
        Assert.Contains("Sebaran predikat, Triwulan III Tahun 2026", card.CardText);
        Assert.True(CardActions.Has(card.Card, Verbs.AppraisalDistribution));

        await app.SayAsync(BotApp.Budi, "ringkasan unit");
        var refused = await app.WaitForAsync(BotApp.Budi, c => c.CardText.Contains("hanya tersedia bagi kepala unit"), "not a head");
        Assert.NotEmpty(refused);

        var data = CardActions.DataOf(card.Card!, Verbs.AppraisalDistribution);
        var check = await app.ExecuteAsync(BotApp.Hendra, Verbs.AppraisalDistribution, data);
        Assert.Contains("Triwulan III Tahun 2026", check.CardText);
    }

    private static int Occurrences(string text, string fragment)
    {
        var count = 0;
        for (var i = text.IndexOf(fragment, StringComparison.Ordinal); i >= 0; i = text.IndexOf(fragment, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
