using System.Text.Json.Nodes;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Features;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Scenarios;

/// <summary>What "progress so far" means for a count, a percentage and a service-time indicator, and that every card shows the same figures.</summary>
public sealed class RealisationScenarios
{
    private static async Task<int> IndicatorIdAsync(BotApp app, string text)
    {
        await using var db = app.NewDb();
        return (await db.Indicators.SingleAsync(i => i.Text == text && i.Rhk!.Skp!.Employee!.Nip == BotApp.Budi.Nip)).Id;
    }

    private static Task<InvokeResult> SubmitAsync(BotApp app, int indicatorId, string value, string date) =>
        app.ExecuteAsync(BotApp.Budi, Verbs.ProgressSubmit, new JsonObject
        {
            ["indicatorId"] = indicatorId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["value"] = value, ["date"] = date, ["note"] = "Ketersediaan layanan daring",
        });

    /// <summary>The review card the rater receives shows "progress this year: X of target".</summary>
    private static async Task<string> RaterCardAsync(BotApp app, string indicator, string value)
    {
        var calls = await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains(indicator) && c.CardText.Contains("Capaian tahun ini") && c.CardText.Contains(value), "review card");
        return calls.Last(c => c.CardText.Contains(indicator) && c.CardText.Contains(value)).CardText;
    }

    [Fact]
    public async Task PercentageIndicator_ReportedMonthly_ShowsTheLatestLevelNotTheirSum()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Rina);
        var uptime = await IndicatorIdAsync(app, "Persentase waktu layanan daring tersedia");

        await ReportAndApproveAsync(app, BotApp.Budi, uptime, "98", "2026-11-02");
        await ReportAndApproveAsync(app, BotApp.Budi, uptime, "99,5", "2026-11-20");

        var status = await StatusAsync(app, BotApp.Budi, "Persentase waktu layanan daring tersedia");
        Assert.Contains("99,5 dari 99 % disetujui (101 %)", status);
        Assert.DoesNotContain("197,5", status);
    }

    [Fact]
    public async Task CountIndicator_Reports_AddUp()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Rina);
        var reports = await IndicatorIdAsync(app, "Jumlah laporan pemeliharaan sistem informasi adminduk");
        decimal before;
        await using (var db = app.NewDb())
        {
            before = (await db.ProgressEntries.Where(p => p.IndicatorId == reports && p.Status == ProgressStatus.Approved).Select(p => p.Value).ToListAsync()).Sum();
        }

        await ReportAndApproveAsync(app, BotApp.Budi, reports, "2", "2026-11-20");

        Assert.Contains($"{before + 2:0} dari 12 laporan disetujui", await StatusAsync(app, BotApp.Budi, "Jumlah laporan pemeliharaan sistem informasi adminduk"));
    }

    /// <summary>The demo's Kepala Seksi, whose SKP has the Waktu indicator "Rata-rata waktu penerbitan KTP-el ≤ 1 hari".</summary>
    private static readonly TestUser Agus = new("198811232014021003", "Agus Prasetyo");

    private const string ServiceTime = "Rata-rata waktu penerbitan KTP-el";

    /// <summary>The employee reports through the form; the rater approves on the review card she receives (its text is returned).</summary>
    private static async Task<string> ReportAndApproveAsync(BotApp app, TestUser user, int indicatorId, string value, string date)
    {
        var submitted = await app.ExecuteAsync(user, Verbs.ProgressSubmit, new JsonObject
        {
            ["indicatorId"] = indicatorId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["value"] = value, ["date"] = date, ["note"] = "Realisasi bulanan",
        });
        Assert.Contains("Tercatat", submitted.CardText);
        int entryId;
        await using (var db = app.NewDb())
        {
            entryId = await db.ProgressEntries.Where(p => p.IndicatorId == indicatorId).MaxAsync(p => p.Id);
        }

        bool IsReview(ConnectorCall c) => c.Card is not null && CardActions.Has(c.Card, Verbs.ProgressApprove)
                                         && CardActions.DataOf(c.Card, Verbs.ProgressApprove)["entryId"]!.GetValue<int>() == entryId;
        var review = (await app.WaitForAsync(BotApp.Rina, IsReview, "review card")).Last(IsReview);
        await app.ExecuteAsync(BotApp.Rina, Verbs.ProgressApprove, CardActions.DataOf(review.Card!, Verbs.ProgressApprove));
        return review.CardText;
    }

    private static async Task<string> StatusAsync(BotApp app, TestUser user, string indicator)
    {
        await app.SayAsync(user, "status");
        var calls = await app.WaitForAsync(user, c => c.CardText.Contains(indicator) && c.CardText.Contains("bulan ini"), "status card");
        return calls.Last(c => c.CardText.Contains(indicator) && c.CardText.Contains("bulan ini")).CardText;
    }

    /// <summary>Agus's Waktu indicator with nothing reported on it, so each test says exactly what was.</summary>
    private static async Task<int> ServiceTimeIndicatorAsync(BotApp app)
    {
        await using var db = app.NewDb();
        var indicator = await db.Indicators.SingleAsync(i => i.Text == ServiceTime && i.Rhk!.Skp!.Employee!.Nip == Agus.Nip);
        Assert.Equal((IndicatorAspect.Waktu, ReportCombination.Average, IndicatorDirection.LowerIsBetter), (indicator.Aspect, indicator.Combination, indicator.Direction));
        await db.ProgressEntries.Where(p => p.IndicatorId == indicator.Id).ExecuteDeleteAsync();
        return indicator.Id;
    }

    [Fact]
    public async Task ServiceTimeIndicator_ThreeMonthlyReportsOfOneDay_ShowOneDayAndHundredPercent()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Rina);
        var indicator = await ServiceTimeIndicatorAsync(app);

        await ReportAndApproveAsync(app, Agus, indicator, "1", "2026-09-25");
        await ReportAndApproveAsync(app, Agus, indicator, "1", "2026-10-26");
        await ReportAndApproveAsync(app, Agus, indicator, "1", "2026-11-20");

        var status = await StatusAsync(app, Agus, ServiceTime);
        Assert.Contains("rata-rata 1 hari (target ≤ 1 hari) disetujui (100 %)", status);
        Assert.DoesNotContain("3 hari", status);
    }

    [Fact]
    public async Task ServiceTimeIndicator_FasterThanTarget_ShowsAsBetterThanTarget()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Rina);
        var indicator = await ServiceTimeIndicatorAsync(app);

        var review = await ReportAndApproveAsync(app, Agus, indicator, "0,5", "2026-11-20");

        // Before the approval, a mean of nothing is not "rata-rata 0 hari".
        Assert.Contains("belum ada yang disetujui (target ≤ 1 hari), 1 laporan menunggu persetujuan", review);

        var status = await StatusAsync(app, Agus, ServiceTime);
        Assert.Contains("rata-rata 0,5 hari (target ≤ 1 hari) disetujui (200 %, lebih baik dari target)", status);
    }

    /// <summary>
    /// Issue 16: one indicator at one moment — 11 monthly reports approved, the 12th waiting — reads the same on
    /// the rater's review card, the employee's status, the team card and the unit overview; pending never
    /// counts as achievement.
    /// </summary>
    [Fact]
    public async Task OneIndicator_ElevenApprovedAndOnePending_EveryCardShowsTheSameFigures()
    {
        await using var app = await BotApp.StartAsync();
        await app.InstallAsync(BotApp.Rina);
        var reports = await IndicatorIdAsync(app, "Jumlah laporan pemeliharaan sistem informasi adminduk");
        await using (var db = app.NewDb())
        {
            var budi = await db.Employees.SingleAsync(e => e.Nip == BotApp.Budi.Nip);
            var rina = await db.Employees.SingleAsync(e => e.Nip == BotApp.Rina.Nip);
            // Budi's SKP down to this one indicator, with January to November approved.
            await db.Indicators.Where(i => i.Rhk!.Skp!.EmployeeId == budi.Id && i.Id != reports).ExecuteDeleteAsync();
            await db.ProgressEntries.Where(p => p.EmployeeId == budi.Id).ExecuteDeleteAsync();
            db.ProgressEntries.AddRange(Enumerable.Range(1, 11).Select(m => new ProgressEntry
            {
                IndicatorId = reports, EmployeeId = budi.Id, Date = new DateOnly(2026, m, 10), Value = 1m, Status = ProgressStatus.Approved,
                SubmittedAt = BotApp.DefaultNow.AddDays(-30), ReviewedById = rina.Id, ReviewedAt = BotApp.DefaultNow.AddDays(-29),
            }));
            await db.SaveChangesAsync();
        }

        Assert.Contains("Tercatat", (await SubmitAsync(app, reports, "1", "2026-11-20")).CardText);

        const string Figures = "11 dari 12 laporan disetujui (92 %), 1 laporan menunggu persetujuan";
        var review = await RaterCardAsync(app, "Jumlah laporan pemeliharaan sistem informasi adminduk", "disetujui");
        Assert.Contains(Figures, review);
        Assert.Contains(Figures, await StatusAsync(app, BotApp.Budi, "Jumlah laporan pemeliharaan sistem informasi adminduk"));

        await app.SayAsync(BotApp.Rina, "tim");
        var team = (await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Tim Ibu Rina"), "team card")).Last(c => c.CardText.Contains("Tim Ibu Rina")).CardText;
        var budiOnTeam = team[team.IndexOf("Budi Santoso", StringComparison.Ordinal)..];
        var next = budiOnTeam.IndexOf("Capaian tahun ini", 40, StringComparison.Ordinal);
        var budiBlock = next < 0 ? budiOnTeam : budiOnTeam[..next];
        Assert.StartsWith("Budi Santoso, S.Kom. | Capaian tahun ini yang disetujui: 92 %", budiBlock);
        Assert.Contains("1 laporan menunggu tinjauan", budiBlock);

        await app.SayAsync(BotApp.Rina, "ringkasan unit");
        var unit = (await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Ringkasan Bidang"), "unit overview")).Last(c => c.CardText.Contains("Ringkasan Bidang")).CardText;
        Assert.Contains("Budi Santoso, S.Kom. | 92 % · 2 laporan bulan ini", unit);
    }
}
