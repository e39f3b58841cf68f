using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KinerjaBot.Domain;
using KinerjaBot.Features;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Scenarios;

/// <summary>
/// The capaian kinerja organisasi of 2026-Q3, stored per unit and period: set by the pimpinan instansi (Hendra,
/// head of the Dinas) or BKPSDM through the admin API, and then the only result the distribution check uses.
/// </summary>
public sealed class OrganisationResultScenarios
{
    private const string Period = "2026-Q3";
    private const string AdminKey = "admin-key-0123456789-0123456789-0123456789";
    private const string Dinas = "TANGSEL-DISDUKCAPIL";
    private const string Bidang = "TANGSEL-DISDUKCAPIL-DAFDUK";
    private static readonly TestUser Agus = new("198811232014021003", "Agus");

    private static async Task<int> EmployeeIdAsync(BotApp app, TestUser user)
    {
        await using var db = app.NewDb();
        return (await db.Employees.SingleAsync(e => e.Nip == user.Nip)).Id;
    }

    private static async Task<int> UnitIdAsync(BotApp app, string code)
    {
        await using var db = app.NewDb();
        return (await db.Units.SingleAsync(u => u.Code == code)).Id;
    }

    /// <summary>The pimpinan instansi sets a unit's result on the card "hasil organisasi" brings.</summary>
    private static async Task<InvokeResult> SetInChatAsync(BotApp app, TestUser who, string unitCode, OrganisationResult result) =>
        await app.ExecuteAsync(who, Verbs.OrganisationResultSet, new JsonObject { ["period"] = Period, ["unitId"] = await UnitIdAsync(app, unitCode), ["result"] = result.ToString() });

    private static async Task<InvokeResult> RateAsync(BotApp app, TestUser rater, TestUser employee, Rating work, Rating behaviour)
    {
        var card = await app.ExecuteAsync(rater, Verbs.AppraisalOpen, new JsonObject { ["employeeId"] = await EmployeeIdAsync(app, employee), ["period"] = Period });
        var data = card.DataOf(Verbs.AppraisalRate);
        data["workResult"] = work.ToString();
        data["behaviour"] = behaviour.ToString();
        data["raterNote"] = "Sesuai capaian triwulan";
        return await app.ExecuteAsync(rater, Verbs.AppraisalRate, data);
    }

    private static async Task<HttpResponseMessage> AdminAsync(BotApp app, HttpMethod method, string path, object? body = null, string? key = AdminKey)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await app.Http.SendAsync(request);
    }

    [Fact]
    public async Task Distribution_UsesTheStoredResult_AResultSentWithTheCardChangesNothing()
    {
        await using var app = await BotApp.StartAsync();
        foreach (var member in new[] { BotApp.Siti, BotApp.Budi, Agus })
        {
            await RateAsync(app, BotApp.Rina, member, Rating.AboveExpectation, Rating.AboveExpectation);
        }

        var notSet = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalDistribution, new JsonObject { ["period"] = Period, ["orgResult"] = "Istimewa" });
        Assert.Contains("Capaian kinerja organisasi untuk Triwulan III Tahun 2026 belum ditetapkan", notSet.CardText);
        Assert.Contains("pimpinan instansi (Drs. Hendra Gunawan, M.Si.", notSet.CardText);
        Assert.DoesNotContain("✓", notSet.CardText);

        await app.SayAsync(BotApp.Hendra, "hasil organisasi " + Period);
        var form = (await app.WaitForAsync(BotApp.Hendra, c => c.CardText.Contains("Capaian kinerja organisasi — Triwulan III Tahun 2026"), "the pimpinan's card"))[^1];
        Assert.True(CardActions.Has(form.Card, Verbs.OrganisationResultSet));
        var saved = await SetInChatAsync(app, BotApp.Hendra, Dinas, OrganisationResult.Baik);
        Assert.Contains("ditetapkan: Baik", saved.CardText);

        // Istimewa would pass three Sangat Baik; the card sends it, the stored Baik is what counts.
        var baik = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalDistribution, new JsonObject { ["period"] = Period, ["orgResult"] = "Istimewa" });
        Assert.Contains("Baik (capaian Dinas Kependudukan dan Pencatatan Sipil Kota Tangerang Selatan, ditetapkan oleh Drs. Hendra Gunawan, M.Si.", baik.CardText);
        Assert.Contains("✗ harus ada pegawai dengan predikat Butuh Perbaikan dan/atau Kurang/Misconduct", baik.CardText);
        Assert.Contains("minimal 1 orang Butuh Perbaikan dan/atau Kurang/Misconduct, saat ini 0 orang", baik.CardText);
        Assert.Contains("✓ Baik paling banyak 70% (maksimal 2 dari 3 orang Baik, saat ini 0 orang)", baik.CardText);
        Assert.DoesNotContain("Istimewa", baik.CardText);
        Assert.DoesNotContain("Cek dengan hasil lain", baik.CardText);
        Assert.DoesNotContain("\"orgResult\"", baik.Card!.ToJsonString());

        // The Bidang's own result takes precedence over the Dinas's.
        await SetInChatAsync(app, BotApp.Hendra, Bidang, OrganisationResult.ButuhPerbaikan);
        var own = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalDistribution, new JsonObject { ["period"] = Period });
        Assert.Contains("✗ Butuh Perbaikan paling sedikit 60% — saat ini 0% (minimal 2 dari 3 orang Butuh Perbaikan, saat ini 0 orang)", own.CardText);
        Assert.Contains("✗ Sangat Baik paling banyak 10% — saat ini 100% (maksimal 0 dari 3 orang Sangat Baik, saat ini 3 orang)", own.CardText);
        Assert.Contains("3 dari 3 sudah memiliki predikat", own.CardText);

        await using var db = app.NewDb();
        var hendra = await EmployeeIdAsync(app, BotApp.Hendra);
        var stored = await db.OrganisationResults.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([(OrganisationResult.Baik, hendra), (OrganisationResult.ButuhPerbaikan, hendra)], stored.Select(r => (r.Result, r.SetByEmployeeId!.Value)));
        var audit = await db.AuditEntries.Where(a => a.EntityType == "OrganisationResultRow").ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(hendra, a.ActorEmployeeId));
        Assert.Contains(audit, a => a.After!.Contains("ButuhPerbaikan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OrganisationResult_AnEmployeeWhoIsNotThePimpinan_CannotSetIt()
    {
        await using var app = await BotApp.StartAsync();

        // Rina heads the Bidang, not the instansi: she is told who sets it, and a forged action stores nothing.
        await app.SayAsync(BotApp.Rina, "hasil organisasi");
        await app.WaitForAsync(BotApp.Rina, c => c.Text?.Contains("ditetapkan oleh pimpinan instansi (Drs. Hendra Gunawan, M.Si.") == true, "who sets it");
        var forged = await SetInChatAsync(app, BotApp.Rina, Bidang, OrganisationResult.Istimewa);
        var staff = await SetInChatAsync(app, BotApp.Siti, Dinas, OrganisationResult.Istimewa);
        // Hendra is pimpinan of his own instansi only.
        var otherInstansi = await SetInChatAsync(app, BotApp.Hendra, "MKS-DISDIK", OrganisationResult.Istimewa);

        Assert.Contains("Anda tidak dapat menetapkannya", forged.CardText);
        Assert.Contains("Anda tidak dapat menetapkannya", staff.CardText);
        Assert.Contains("Anda tidak dapat menetapkannya", otherInstansi.CardText);
        await using var db = app.NewDb();
        Assert.Empty(await db.OrganisationResults.ToListAsync());
        Assert.Empty(await db.AuditEntries.Where(a => a.EntityType == "OrganisationResultRow").ToListAsync());
    }

    [Fact]
    public async Task OrganisationResult_BkpsdmAdmin_SetsItThroughTheAdminApi_Audited()
    {
        await using var app = await BotApp.StartAsync(new() { ["Admin:ApiKey"] = AdminKey });

        using var noKey = await AdminAsync(app, HttpMethod.Post, "/admin/organisation-result", new { unit = Dinas, period = Period, result = "Kurang" }, key: null);
        using var bad = await AdminAsync(app, HttpMethod.Post, "/admin/organisation-result", new { unit = "NOPE", period = "kemarin", result = "Luar biasa" });
        using var set = await AdminAsync(app, HttpMethod.Post, "/admin/organisation-result", new { unit = Dinas, period = Period, result = "Kurang", by = "Dra. Sri Wahyuni" });
        using var list = await AdminAsync(app, HttpMethod.Get, "/admin/organisation-result?period=" + Period);

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Unit kerja 'NOPE' tidak dikenal", errors);
        Assert.Contains("bukan periode yang dikenali", errors);
        Assert.Contains("Capaian 'Luar biasa' tidak dikenal", errors);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var rows = (await list.Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.Equal("Kurang", Assert.Single(rows)!["result"]!.GetValue<string>());

        var check = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalDistribution, new JsonObject { ["period"] = Period });
        Assert.Contains("Kurang (capaian Dinas Kependudukan dan Pencatatan Sipil Kota Tangerang Selatan, ditetapkan oleh admin BKPSDM (Dra. Sri Wahyuni))", check.CardText);
        await using var db = app.NewDb();
        var audit = Assert.Single(await db.AuditEntries.Where(a => a.EntityType == "OrganisationResultRow").ToListAsync());
        Assert.Equal("admin:Dra. Sri Wahyuni", audit.ActorUserId);
        Assert.Null(audit.ActorEmployeeId);
    }

    [Fact]
    public async Task Finalise_WhileTheCurveIsBroken_WarnsInPersons()
    {
        await using var app = await BotApp.StartAsync();
        await SetInChatAsync(app, BotApp.Hendra, Dinas, OrganisationResult.Baik);

        var rated = await RateAsync(app, BotApp.Rina, BotApp.Siti, Rating.AboveExpectation, Rating.AboveExpectation);
        var finalised = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalFinalize, rated.DataOf(Verbs.AppraisalFinalize));

        Assert.Contains("Perhatian: distribusi predikat Bidang Pelayanan Pendaftaran Penduduk belum sesuai pola distribusi capaian kinerja organisasi Baik — minimal 1 orang Butuh Perbaikan dan/atau Kurang/Misconduct, saat ini 0 orang", finalised.CardText);
        await using var db = app.NewDb();
        var siti = await EmployeeIdAsync(app, BotApp.Siti);
        Assert.Equal(AppraisalStatus.Finalized, (await db.Appraisals.SingleAsync(a => a.EmployeeId == siti)).Status);
    }

    [Fact]
    public async Task Finalise_WhileTheCurveIsBroken_IsRefusedWhenConfigured()
    {
        await using var app = await BotApp.StartAsync(new() { ["Appraisal:RefuseFinaliseWhileDistributionBroken"] = "true" });
        var rated = await RateAsync(app, BotApp.Rina, BotApp.Siti, Rating.AboveExpectation, Rating.AboveExpectation);

        // Without a stored result the curve cannot be judged: refused as well, naming who must set it.
        var noResult = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalFinalize, rated.DataOf(Verbs.AppraisalFinalize));
        await SetInChatAsync(app, BotApp.Hendra, Dinas, OrganisationResult.Baik);
        var broken = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalFinalize, rated.DataOf(Verbs.AppraisalFinalize));

        Assert.Contains("Penilaian belum ditetapkan", noResult.CardText);
        Assert.Contains("pimpinan instansi (Drs. Hendra Gunawan, M.Si.", noResult.CardText);
        Assert.Contains("Penilaian belum ditetapkan", broken.CardText);
        Assert.Contains("minimal 1 orang Butuh Perbaikan dan/atau Kurang/Misconduct, saat ini 0 orang", broken.CardText);
        await using var db = app.NewDb();
        var siti = await EmployeeIdAsync(app, BotApp.Siti);
        Assert.Equal(AppraisalStatus.Rated, (await db.Appraisals.SingleAsync(a => a.EmployeeId == siti)).Status);

        // Once the unit fits the pattern (Budi Butuh Perbaikan), finalising goes through.
        await RateAsync(app, BotApp.Rina, BotApp.Budi, Rating.BelowExpectation, Rating.MeetsExpectation);
        var fits = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalFinalize, rated.DataOf(Verbs.AppraisalFinalize));
        Assert.DoesNotContain("Penilaian belum ditetapkan", fits.CardText);
        await using var after = app.NewDb();
        Assert.Equal(AppraisalStatus.Finalized, (await after.Appraisals.SingleAsync(a => a.EmployeeId == siti)).Status);
    }

    [Fact]
    public async Task UnitHead_HasilKerjaRating_IsProposedFromTheUnitsResult()
    {
        await using var app = await BotApp.StartAsync();
        var rina = await EmployeeIdAsync(app, BotApp.Rina);
        var open = new JsonObject { ["employeeId"] = rina, ["period"] = Period };

        var before = await app.ExecuteAsync(BotApp.Hendra, Verbs.AppraisalOpen, open);
        await SetInChatAsync(app, BotApp.Hendra, Bidang, OrganisationResult.Istimewa);
        var istimewa = await app.ExecuteAsync(BotApp.Hendra, Verbs.AppraisalOpen, open);
        await SetInChatAsync(app, BotApp.Hendra, Bidang, OrganisationResult.Kurang);
        var kurang = await app.ExecuteAsync(BotApp.Hendra, Verbs.AppraisalOpen, open);

        Assert.Null(WorkResultValue(before.Card!));
        Assert.Equal(nameof(Rating.AboveExpectation), WorkResultValue(istimewa.Card!));
        Assert.Contains("Rating hasil kerja pimpinan unit mengikuti capaian unitnya, sehingga diusulkan Di Atas Ekspektasi", istimewa.CardText);
        Assert.Equal(nameof(Rating.BelowExpectation), WorkResultValue(kurang.Card!));
    }

    private static string? WorkResultValue(JsonNode node) => node switch
    {
        JsonObject o when o["id"]?.GetValue<string>() == "workResult" => o["value"]?.GetValue<string>(),
        JsonObject o => o.Select(p => p.Value is null ? null : WorkResultValue(p.Value)).FirstOrDefault(v => v is not null),
        JsonArray a => a.Select(n => n is null ? null : WorkResultValue(n)).FirstOrDefault(v => v is not null),
        _ => null,
    };
}
