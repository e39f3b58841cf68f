using System.Text.Json.Nodes;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Features;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Scenarios;

/// <summary>Numbers as Indonesian civil servants write them: the dot groups thousands, the comma is the decimal sign.</summary>
public sealed class NumberScenarios
{
    /// <summary>Gives Siti an indicator beside her demo ones (waste in tonnes, a budget in rupiah).</summary>
    private static async Task AddIndicatorAsync(BotApp app, string text, string unit, decimal target, IndicatorAspect aspect)
    {
        await using var db = app.NewDb();
        var rhk = await db.Rhks.OrderBy(r => r.Id).FirstAsync(r => r.Skp!.Employee!.Nip == BotApp.Siti.Nip && r.Skp.Year == 2026);
        db.Indicators.Add(new Indicator { RhkId = rhk.Id, Text = text, Unit = unit, Target = target, Aspect = aspect, Order = 9 });
        await db.SaveChangesAsync();
    }

    private static async Task<ProgressEntry> LatestAsync(BotApp app, TestUser user)
    {
        await using var db = app.NewDb();
        return await db.ProgressEntries.Include(p => p.Indicator).OrderByDescending(p => p.Id).FirstAsync(p => p.Employee!.Nip == user.Nip);
    }

    private static async Task ConfirmAsync(BotApp app)
    {
        await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Apakah ini benar?"), "confirmation card");
        await app.SayAsync(BotApp.Siti, "ya");
        await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Tercatat"), "recorded notice");
    }

    [Fact]
    public async Task ChatReport_ThousandsWithADot_IsStoredAsTheWholeNumber()
    {
        await using var app = await BotApp.StartAsync();

        await app.SayAsync(BotApp.Siti, "lapor 1.200 dokumen KTP-el");
        await ConfirmAsync(app);

        var entry = await LatestAsync(app, BotApp.Siti);
        Assert.Equal(1200m, entry.Value);
        Assert.Equal("Jumlah KTP-el yang diterbitkan", entry.Indicator!.Text);
    }

    [Fact]
    public async Task ChatReport_RupiahWithGrouping_IsStoredInFull()
    {
        await using var app = await BotApp.StartAsync();
        await AddIndicatorAsync(app, "Jumlah realisasi anggaran pelayanan", "rupiah", 120_000_000m, IndicatorAspect.Biaya);

        await app.SayAsync(BotApp.Siti, "lapor realisasi anggaran Rp 1.500.000");
        await ConfirmAsync(app);

        var entry = await LatestAsync(app, BotApp.Siti);
        Assert.Equal(1_500_000m, entry.Value);
        Assert.Equal("rupiah", entry.Indicator!.Unit);
    }

    [Fact]
    public async Task ChatReport_RhkLabelBeforeTheValue_IsNotTheValue()
    {
        await using var app = await BotApp.StartAsync();

        await app.SayAsync(BotApp.Siti, "RHK-3 selesai 7 dokumen");
        await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Progres 7 ini untuk indikator yang mana?"), "choice card for 7, not 3");
        await app.SayAsync(BotApp.Siti, "1");
        await ConfirmAsync(app);

        Assert.Equal(7m, (await LatestAsync(app, BotApp.Siti)).Value);
    }

    [Fact]
    public async Task ChatReport_AmbiguousNumberOnAMeasure_AsksAndStoresTheChosenDecimal()
    {
        await using var app = await BotApp.StartAsync();
        await AddIndicatorAsync(app, "Jumlah sampah terangkut dari pos pelayanan", "ton", 50m, IndicatorAspect.Kuantitas);

        await app.SayAsync(BotApp.Siti, "lapor 1.200 ton sampah");
        var asked = await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Yang Anda maksud 1.200 (seribu dua ratus) atau 1,2 (satu koma dua)?"), "the question");
        Assert.Contains(asked, c => CardActions.Has(c.Card, Verbs.ProgressNumber));
        Assert.Equal(0, await SubmittedTodayAsync(app));

        var answer = await app.ExecuteAsync(BotApp.Siti, Verbs.ProgressNumber, new JsonObject { ["value"] = "1.2" });
        Assert.Contains("Apakah ini benar?", answer.CardText);
        Assert.Contains("1,2 ton", answer.CardText);
        await app.SayAsync(BotApp.Siti, "ya");
        await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Tercatat"), "recorded notice");

        Assert.Equal(1.2m, (await LatestAsync(app, BotApp.Siti)).Value);
    }

    [Fact]
    public async Task ChatReport_AmbiguousNumber_TypedAnswerAfterARestartPicksTheWholeNumber()
    {
        var folder = Directory.CreateTempSubdirectory("kinerjabot-number-").FullName;
        try
        {
            await using (var first = await BotApp.StartAsync(folder: folder))
            {
                await AddIndicatorAsync(first, "Jumlah sampah terangkut dari pos pelayanan", "ton", 5000m, IndicatorAspect.Kuantitas);
                await first.SayAsync(BotApp.Siti, "lapor 1.200 ton sampah");
                await first.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("atau 1,2"), "the question");
            }

            await using var second = await BotApp.StartAsync(folder: folder);
            await second.SayAsync(BotApp.Siti, "1200");
            await second.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Apakah ini benar?") && c.CardText.Contains("1.200 ton"), "confirmation of 1.200");
            await second.SayAsync(BotApp.Siti, "ya");
            await second.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Tercatat"), "recorded notice");

            Assert.Equal(1200m, (await LatestAsync(second, BotApp.Siti)).Value);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ChatReport_EnglishClientNotation_IsReadTheEnglishWay()
    {
        await using var app = await BotApp.StartAsync();
        await AddIndicatorAsync(app, "Jumlah sampah terangkut dari pos pelayanan", "ton", 5000m, IndicatorAspect.Kuantitas);
        await using (var db = app.NewDb())
        {
            await db.Employees.Where(e => e.Nip == BotApp.Siti.Nip).ExecuteUpdateAsync(s => s.SetProperty(e => e.Language, "en"));
        }

        await app.SayAsync(BotApp.Siti, "report 1,200.5 ton sampah", "en-US");
        await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("1,200.5 ton"), "confirmation of 1,200.5");
        await app.SayAsync(BotApp.Siti, "yes", "en-US");
        await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Recorded"), "recorded notice");
        Assert.Equal(1200.5m, (await LatestAsync(app, BotApp.Siti)).Value);

        await app.SayAsync(BotApp.Siti, "report 1,200 ton sampah", "en-US");
        await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Did you mean 1,200 (one thousand two hundred) or 1.2 (one point two)?"), "the question in English");
    }

    [Fact]
    public async Task CardForm_IndonesianUserTypes1200_Stores1200()
    {
        await using var app = await BotApp.StartAsync();
        await AddIndicatorAsync(app, "Jumlah sampah terangkut dari pos pelayanan", "ton", 5000m, IndicatorAspect.Kuantitas);
        int indicatorId;
        await using (var db = app.NewDb())
        {
            indicatorId = (await db.Indicators.SingleAsync(i => i.Unit == "ton")).Id;
        }

        var result = await app.ExecuteAsync(BotApp.Siti, Verbs.ProgressSubmit, new JsonObject
        {
            ["indicatorId"] = indicatorId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["value"] = "1.200", ["note"] = "Pengangkutan bulan ini",
        });

        Assert.Contains("Tercatat", result.CardText);
        Assert.Equal(1200m, (await LatestAsync(app, BotApp.Siti)).Value);
    }

    private static async Task<int> SubmittedTodayAsync(BotApp app)
    {
        await using var db = app.NewDb();
        return await db.ProgressEntries.CountAsync(p => p.Employee!.Nip == BotApp.Siti.Nip && p.SubmittedAt >= BotApp.DefaultNow.AddMinutes(-1));
    }
}
