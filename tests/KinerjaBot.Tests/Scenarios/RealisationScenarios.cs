using System.Text.Json.Nodes;
using KinerjaBot.Features;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Scenarios;

/// <summary>What "progress so far" means for a count indicator and for a percentage indicator.</summary>
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

        Assert.Contains("Tercatat", (await SubmitAsync(app, uptime, "98", "2026-11-02")).CardText);
        Assert.Contains("Tercatat", (await SubmitAsync(app, uptime, "99,5", "2026-11-20")).CardText);

        var card = await RaterCardAsync(app, "Persentase waktu layanan daring tersedia", "99,5 dari 99 %");
        Assert.DoesNotContain("197,5", card);
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
            before = (await db.ProgressEntries.Where(p => p.IndicatorId == reports).Select(p => p.Value).ToListAsync()).Sum();
        }

        Assert.Contains("Tercatat", (await SubmitAsync(app, reports, "2", "2026-11-20")).CardText);

        await RaterCardAsync(app, "Jumlah laporan pemeliharaan sistem informasi adminduk", $"{before + 2:0} dari 12 laporan");
    }
}
