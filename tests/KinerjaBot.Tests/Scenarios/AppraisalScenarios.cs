using System.Globalization;
using System.Text.Json.Nodes;
using KinerjaBot.Domain;
using KinerjaBot.Features;
using KinerjaBot.Localization;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Scenarios;

/// <summary>The quarterly appraisal of 2026-Q3 (the quarter that ended before Monday 23 November 2026).</summary>
public sealed class AppraisalScenarios
{
    private const string Period = "2026-Q3";
    private static readonly Texts Id = Texts.For("id");

    private static async Task<int> IdOfAsync(BotApp app, TestUser user)
    {
        await using var db = app.NewDb();
        return (await db.Employees.SingleAsync(e => e.Nip == user.Nip)).Id;
    }

    private static JsonObject Open(int employeeId) => new() { ["employeeId"] = employeeId, ["period"] = Period };

    /// <summary>The rater opens the employee's appraisal card.</summary>
    private static async Task<InvokeResult> OpenAsync(BotApp app, TestUser rater, TestUser employee) =>
        await app.ExecuteAsync(rater, Verbs.AppraisalOpen, Open(await IdOfAsync(app, employee)));

    private static JsonObject WithRating(JsonObject data, Rating work, Rating behaviour, string note = "Sesuai capaian triwulan")
    {
        data["workResult"] = work.ToString();
        data["behaviour"] = behaviour.ToString();
        data["raterNote"] = note;
        return data;
    }

    private static async Task<InvokeResult> RateAsync(BotApp app, TestUser rater, TestUser employee, Rating work, Rating behaviour)
    {
        var card = await OpenAsync(app, rater, employee);
        return await app.ExecuteAsync(rater, Verbs.AppraisalRate, WithRating(card.DataOf(Verbs.AppraisalRate), work, behaviour));
    }

    private static async Task<InvokeResult> RateAndFinalizeAsync(BotApp app, TestUser employee, Rating work, Rating behaviour)
    {
        var rated = await RateAsync(app, BotApp.Rina, employee, work, behaviour);
        return await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalFinalize, rated.DataOf(Verbs.AppraisalFinalize));
    }

    private static async Task<Data.Model.Appraisal> LatestAsync(BotApp app, TestUser employee)
    {
        await using var db = app.NewDb();
        var id = (await db.Employees.SingleAsync(e => e.Nip == employee.Nip)).Id;
        return await db.Appraisals.Include(a => a.Notes).Where(a => a.EmployeeId == id).OrderByDescending(a => a.Revision).FirstAsync();
    }

    [Fact]
    public async Task SelfAssessment_PrefilledFromProgressAndFeedback_IsStoredAndReachesTheRater()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Rina);
        await using (var db = app.NewDb())
        {
            // Feedback Siti received in Q3 on Akuntabel shows up in her self-assessment.
            var siti = await db.Employees.SingleAsync(e => e.Nip == BotApp.Siti.Nip);
            db.FeedbackNotes.Add(new Data.Model.FeedbackNote { FromId = siti.RaterId!.Value, ToId = siti.Id, Behaviour = BerAkhlakValue.Akuntabel, Text = "Disiplin waktu sangat baik", CreatedAt = new DateTimeOffset(2026, 8, 10, 3, 0, 0, TimeSpan.Zero) });
            await db.SaveChangesAsync();
        }

        await app.SayAsync(BotApp.Siti, "penilaian");
        var overview = (await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Penilaian kinerja — Triwulan III Tahun 2026"), "overview")).Last(c => c.CardText.Contains("Penilaian kinerja"));
        Assert.True(CardActions.Has(overview.Card, Verbs.AppraisalSelfForm));

        var form = await app.ExecuteAsync(BotApp.Siti, Verbs.AppraisalSelfForm, new JsonObject { ["period"] = Period });
        Assert.Contains("dalam periode ini", form.CardText);
        Assert.Contains("Umpan balik: Rina Marlina, S.Sos., M.AP.: Disiplin waktu sangat baik", form.CardText);
        var rhkInput = form.Card!["body"]!.AsArray().Select(e => e!["id"]?.GetValue<string>()).First(i => i?.StartsWith("self.rhk.", StringComparison.Ordinal) == true)!;
        var data = form.DataOf(Verbs.AppraisalSelf);
        data["summary"] = "Target KTP-el tercapai 75%";
        data[rhkInput] = "Semua permohonan KTP-el dilayani";
        data["self.value.akuntabel"] = "Tidak pernah terlambat";

        var saved = await app.ExecuteAsync(BotApp.Siti, Verbs.AppraisalSelf, data);

        Assert.Contains("tersimpan", saved.CardText);
        var raterCard = await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Penilaian Siti") && c.CardText.Contains("Target KTP-el tercapai 75%"), "rater's appraisal card");
        Assert.Contains(raterCard, c => CardActions.Has(c.Card, Verbs.AppraisalRate));
        var appraisal = await LatestAsync(app, BotApp.Siti);
        Assert.Equal(AppraisalStatus.SelfAssessed, appraisal.Status);
        Assert.Equal(Period, appraisal.PeriodCode);
        Assert.Equal("Target KTP-el tercapai 75%", appraisal.SelfSummary);
        Assert.Contains(appraisal.Notes, n => n.RhkId == int.Parse(rhkInput["self.rhk.".Length..], CultureInfo.InvariantCulture) && n.SelfNote == "Semua permohonan KTP-el dilayani");
        Assert.Contains(appraisal.Notes, n => n.Behaviour == BerAkhlakValue.Akuntabel && n.SelfNote == "Tidak pernah terlambat");
    }

    [Fact]
    public async Task Rating_EveryCellOfTheQuadrant_ShowsItsPredikatBeforeFinalizing()
    {
        await using var app = await BotApp.StartAsync();
        var card = await OpenAsync(app, BotApp.Rina, BotApp.Siti);

        foreach (var (work, behaviour, predikat) in PredikatTable.Cells)
        {
            card = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalRate, WithRating(card.DataOf(Verbs.AppraisalRate), work, behaviour));

            Assert.Contains(Id.Format("Appraisal.Field.PredikatText", Id["Appraisal.Predikat." + predikat]), card.CardText);
            Assert.True(CardActions.Has(card.Card, Verbs.AppraisalFinalize), $"{work}/{behaviour}: finalize offered");
            var stored = await LatestAsync(app, BotApp.Siti);
            Assert.Equal((AppraisalStatus.Rated, work, behaviour, predikat), (stored.Status, stored.WorkResultRating!.Value, stored.BehaviourRating!.Value, stored.Predikat!.Value));
        }

        Assert.Equal(9, PredikatTable.Cells.Count);
        Assert.Equal(5, PredikatTable.Cells.Select(c => c.Predikat).Distinct().Count());
    }

    [Fact]
    public async Task Finalize_ThenAcknowledge_EmployeeGetsTheResultAndRaterIsTold()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Siti);

        var final = await RateAndFinalizeAsync(app, BotApp.Siti, Rating.AboveExpectation, Rating.AboveExpectation);

        Assert.Contains("Final, menunggu tanggapan pegawai", final.CardText);
        Assert.False(CardActions.Has(final.Card, Verbs.AppraisalRate));
        var result = (await app.WaitForAsync(BotApp.Siti, c => CardActions.Has(c.Card, Verbs.AppraisalAcknowledge), "result card to Siti"))
            .Last(c => c.ConversationId == BotApp.Siti.ConversationId && CardActions.Has(c.Card, Verbs.AppraisalAcknowledge));
        Assert.Contains("Predikat: Sangat Baik", result.CardText);

        var acknowledged = await app.ExecuteAsync(BotApp.Siti, Verbs.AppraisalAcknowledge, CardActions.DataOf(result.Card!, Verbs.AppraisalAcknowledge));

        Assert.Contains("Final, diterima pegawai", acknowledged.CardText);
        Assert.False(CardActions.Has(acknowledged.Card, Verbs.AppraisalAcknowledge));
        await app.WaitForAsync(BotApp.Rina, c => c.Text?.Contains("telah menerima hasil penilaian") == true, "rater told");
        var stored = await LatestAsync(app, BotApp.Siti);
        Assert.Equal(AppraisalStatus.Acknowledged, stored.Status);
        Assert.NotNull(stored.FinalizedAt);
        Assert.NotNull(stored.AcknowledgedAt);
    }

    [Fact]
    public async Task Finalize_Twice_ChangesNothingTheSecondTime()
    {
        await using var app = await BotApp.StartAsync();
        var rated = await RateAsync(app, BotApp.Rina, BotApp.Siti, Rating.MeetsExpectation, Rating.MeetsExpectation);
        var data = rated.DataOf(Verbs.AppraisalFinalize);
        await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalFinalize, data);
        var version = (await LatestAsync(app, BotApp.Siti)).Version;

        var second = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalFinalize, data);

        Assert.Contains("tidak ada yang diubah", second.CardText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(version, (await LatestAsync(app, BotApp.Siti)).Version);
        await using var db = app.NewDb();
        var finalizeAudits = await db.AuditEntries.Where(a => a.EntityType == "Appraisal" && a.Action == "Modified" && a.After!.Contains("Finalized")).ToListAsync();
        Assert.Single(finalizeAudits);
    }

    [Fact]
    public async Task EditAfterFinalize_IsRefusedAndNothingChanges()
    {
        await using var app = await BotApp.StartAsync();
        var rated = await RateAsync(app, BotApp.Rina, BotApp.Siti, Rating.MeetsExpectation, Rating.AboveExpectation);
        var final = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalFinalize, rated.DataOf(Verbs.AppraisalFinalize));
        var staleRate = WithRating(rated.DataOf(Verbs.AppraisalRate), Rating.BelowExpectation, Rating.BelowExpectation);
        var before = await LatestAsync(app, BotApp.Siti);

        var refused = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalRate, staleRate);

        Assert.Contains("sudah final", refused.CardText);
        Assert.False(CardActions.Has(final.Card, Verbs.AppraisalRate));
        var after = await LatestAsync(app, BotApp.Siti);
        Assert.Equal((before.Version, Predikat.Baik, AppraisalStatus.Finalized), (after.Version, after.Predikat!.Value, after.Status));
    }

    [Fact]
    public async Task Objection_GoesToTheRatersSupervisor_WhoIssuesAnAuditedRevision()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Siti);
        await app.InstallAsync(BotApp.Hendra);
        await RateAndFinalizeAsync(app, BotApp.Siti, Rating.BelowExpectation, Rating.MeetsExpectation);
        var result = (await app.WaitForAsync(BotApp.Siti, c => CardActions.Has(c.Card, Verbs.AppraisalObject), "result card")).Last(c => c.ConversationId == BotApp.Siti.ConversationId && CardActions.Has(c.Card, Verbs.AppraisalObject));
        var data = CardActions.DataOf(result.Card!, Verbs.AppraisalObject);

        var missingReason = await app.ExecuteAsync(BotApp.Siti, Verbs.AppraisalObject, data);
        Assert.Contains("Tuliskan alasan keberatan", missingReason.CardText);
        data["reason"] = "Target KTP-el terhambat blanko kosong dari pusat";
        var objected = await app.ExecuteAsync(BotApp.Siti, Verbs.AppraisalObject, data);

        Assert.Contains("Final, ada keberatan", objected.CardText);
        await app.WaitForAsync(BotApp.Rina, c => c.Text?.Contains("blanko kosong") == true, "rater told about the objection");
        var supervisorCard = (await app.WaitForAsync(BotApp.Hendra, c => CardActions.Has(c.Card, Verbs.AppraisalCorrect), "objection reaches the rater's supervisor"))
            .Last(c => c.ConversationId == BotApp.Hendra.ConversationId && CardActions.Has(c.Card, Verbs.AppraisalCorrect));
        Assert.Contains("blanko kosong", supervisorCard.CardText);
        var objectedRow = await LatestAsync(app, BotApp.Siti);

        var correction = WithRating(CardActions.DataOf(supervisorCard.Card!, Verbs.AppraisalCorrect), Rating.MeetsExpectation, Rating.MeetsExpectation, "Kendala blanko di luar kendali pegawai");
        var corrected = await app.ExecuteAsync(BotApp.Hendra, Verbs.AppraisalCorrect, correction);
        var again = await app.ExecuteAsync(BotApp.Hendra, Verbs.AppraisalCorrect, correction);

        Assert.Contains("Predikat: Baik", corrected.CardText);
        Assert.Contains("sudah tidak berlaku", again.CardText);
        await using var db = app.NewDb();
        var revisions = await db.Appraisals.Where(a => a.EmployeeId == objectedRow.EmployeeId && a.PeriodCode == Period).OrderBy(a => a.Revision).ToListAsync();
        Assert.Equal(2, revisions.Count);
        Assert.Equal((AppraisalStatus.Objected, Predikat.ButuhPerbaikan, objectedRow.Version), (revisions[0].Status, revisions[0].Predikat!.Value, revisions[0].Version));
        Assert.Equal((2, AppraisalStatus.Finalized, Predikat.Baik), (revisions[1].Revision, revisions[1].Status, revisions[1].Predikat!.Value));
        var hendra = await IdOfAsync(app, BotApp.Hendra);
        Assert.Contains(await db.AuditEntries.Where(a => a.EntityType == "Appraisal" && a.Action == "Added").ToListAsync(),
            a => a.ActorEmployeeId == hendra && a.EntityId == revisions[1].Id.ToString(CultureInfo.InvariantCulture));
        await app.WaitForAsync(BotApp.Siti, c => CardActions.Has(c.Card, Verbs.AppraisalAcknowledge) && c.CardText.Contains("Revisi"), "corrected result reaches Siti");
    }

    [Fact]
    public async Task WrongPerson_RatingAcknowledgingOrCorrecting_IsRefusedAndNothingChanges()
    {
        await using var app = await BotApp.StartAsync();
        var rinaCard = await OpenAsync(app, BotApp.Rina, BotApp.Siti);

        var byColleague = await app.ExecuteAsync(BotApp.Budi, Verbs.AppraisalRate, WithRating(rinaCard.DataOf(Verbs.AppraisalRate), Rating.AboveExpectation, Rating.AboveExpectation));
        // A colleague is not even shown the appraisal.
        Assert.Contains("tidak tersedia untuk Anda", byColleague.CardText);
        await using (var db = app.NewDb())
        {
            Assert.Empty(await db.Appraisals.ToListAsync());
        }

        var final = await RateAndFinalizeAsync(app, BotApp.Siti, Rating.MeetsExpectation, Rating.MeetsExpectation);
        var ack = new JsonObject { ["employeeId"] = await IdOfAsync(app, BotApp.Siti), ["period"] = Period, ["appraisalId"] = (await LatestAsync(app, BotApp.Siti)).Id, ["version"] = (await LatestAsync(app, BotApp.Siti)).Version };
        var byRater = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalAcknowledge, ack);
        var byOther = await app.ExecuteAsync(BotApp.Budi, Verbs.AppraisalAcknowledge, ack);
        var correction = WithRating((JsonObject)ack.DeepClone(), Rating.AboveExpectation, Rating.AboveExpectation);
        var correctedByRater = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalCorrect, correction);
        var opened = await app.ExecuteAsync(BotApp.Budi, Verbs.AppraisalOpen, Open(await IdOfAsync(app, BotApp.Siti)));

        Assert.Contains("Hanya pegawai yang dinilai", byRater.CardText);
        Assert.Contains("tidak tersedia untuk Anda", byOther.CardText);
        Assert.Contains("hanya dapat dilakukan oleh atasan pejabat penilai", correctedByRater.CardText);
        Assert.Contains("tidak tersedia untuk Anda", opened.CardText);
        Assert.Contains("Final", final.CardText);
        await using var after = app.NewDb();
        var rows = await after.Appraisals.ToListAsync();
        Assert.Single(rows);
        Assert.Equal(AppraisalStatus.Finalized, rows[0].Status);
    }

    [Fact]
    public async Task Rating_StaleCardAfterAnotherRating_ChangesNothing()
    {
        await using var app = await BotApp.StartAsync();
        var first = await RateAsync(app, BotApp.Rina, BotApp.Siti, Rating.MeetsExpectation, Rating.MeetsExpectation);
        await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalRate, WithRating(first.DataOf(Verbs.AppraisalRate), Rating.AboveExpectation, Rating.AboveExpectation));

        var stale = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalRate, WithRating(first.DataOf(Verbs.AppraisalRate), Rating.BelowExpectation, Rating.BelowExpectation));

        Assert.Contains("sudah tidak berlaku", stale.CardText);
        Assert.Equal(Predikat.SangatBaik, (await LatestAsync(app, BotApp.Siti)).Predikat);
    }

    [Fact]
    public async Task Fungsional_SeesAngkaKreditOfThePeriod()
    {
        await using var app = await BotApp.StartAsync();

        var rated = await RateAsync(app, BotApp.Rina, BotApp.Budi, Rating.MeetsExpectation, Rating.MeetsExpectation);

        // 3/12 × 100% × 12.5 (Pranata Komputer Ahli Pertama's coefficient in the demo).
        Assert.Contains("Angka kredit periode ini: 3,125", rated.CardText);
    }

    [Fact]
    public async Task Overview_ForAFuturePeriodOrNonsense_ExplainsWithoutFailing()
    {
        await using var app = await BotApp.StartAsync();

        await app.SayAsync(BotApp.Siti, "penilaian 2027");
        await app.SayAsync(BotApp.Siti, "penilaian kemarin");

        await app.WaitForAsync(BotApp.Siti, c => c.Text?.Contains("belum dapat diisi") == true, "future period explained");
        await app.WaitForAsync(BotApp.Siti, c => c.Text?.Contains("bukan periode yang dikenali") == true, "bad period explained");
    }
}
