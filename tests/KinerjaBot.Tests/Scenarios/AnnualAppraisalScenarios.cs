using KinerjaBot.Features;
using KinerjaBot.Tests.Support;
using static KinerjaBot.Tests.Reminders.ReminderKit;

namespace KinerjaBot.Tests.Scenarios;

/// <summary>January 2027: the annual appraisal of 2026 is the one due, and triwulan IV is part of it.</summary>
public sealed class AnnualAppraisalScenarios
{
    private static readonly DateTimeOffset January7 = Wib(1, 7, 9, 5, year: 2027);

    private static async Task<BotApp> StartInJanuaryAsync()
    {
        var app = await BotApp.StartAsync();
        app.SetClock(January7);
        return app;
    }

    [Fact]
    public async Task Penilaian_InJanuary_OpensTheAnnualAppraisalOfThePreviousYear()
    {
        await using var app = await StartInJanuaryAsync();

        await app.SayAsync(BotApp.Siti, "penilaian");

        var overview = await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Penilaian kinerja — "), "overview");
        Assert.Contains("Penilaian kinerja — Tahun 2026", overview[^1].CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-Q4", overview[^1].CardText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("penilaian 2026-Q4")]
    [InlineData("penilaian TW IV 2026")]
    [InlineData("penilaian triwulan 4")]
    public async Task QuarterFour_IsRefused_PointingToTheAnnualAppraisal(string text)
    {
        await using var app = await StartInJanuaryAsync();

        await app.SayAsync(BotApp.Siti, text);

        var reply = await app.WaitForAsync(BotApp.Siti, c => c.Text?.Contains("tidak dinilai tersendiri") == true, "refusal");
        Assert.Equal(
            "Triwulan IV Tahun 2026 tidak dinilai tersendiri: triwulan terakhir dinilai dalam penilaian kinerja Tahun 2026. Ketik **penilaian tahunan 2026** untuk membukanya.",
            reply[^1].Text);
        Assert.DoesNotContain(app.To(BotApp.Siti), c => c.CardText.Contains("Penilaian kinerja — ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QuarterFour_FromACard_IsRefusedToo()
    {
        await using var app = await StartInJanuaryAsync();

        var result = await app.ExecuteAsync(BotApp.Siti, Verbs.AppraisalList, new() { ["period"] = "2026-Q4" });

        Assert.Contains("tidak dinilai tersendiri", result.CardText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("penilaian tw2", "Triwulan II Tahun 2026")]
    [InlineData("penilaian TW 2 2026", "Triwulan II Tahun 2026")]
    [InlineData("penilaian triwulan II 2026", "Triwulan II Tahun 2026")]
    [InlineData("penilaian Q3", "Triwulan III Tahun 2026")]
    [InlineData("penilaian tahunan 2026", "Tahun 2026")]
    [InlineData("penilaian kinerja annual 2026", "Tahun 2026")]
    [InlineData("penilaian 2026", "Tahun 2026")]
    public async Task PeriodAsPeopleWriteIt_OpensThatPeriod_NamedInIndonesian(string text, string name)
    {
        await using var app = await StartInJanuaryAsync();

        await app.SayAsync(BotApp.Siti, text);

        var overview = await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Penilaian kinerja — "), "overview");
        Assert.Contains("Penilaian kinerja — " + name, overview[^1].CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnnualReminder_ItsButtonOpensTheAnnualAppraisal()
    {
        await using var app = await StartInJanuaryAsync();
        await app.InstallAsync(BotApp.Rina);

        await app.PlanAsync(January7);

        var reminder = (await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Pengingat penilaian tahunan"), "annual reminder"))[^1];
        Assert.Contains("penilaian kinerja Tahun 2026 belum selesai", reminder.CardText, StringComparison.Ordinal);
        var data = CardActions.DataOf(reminder.Card!, Verbs.AppraisalList);
        Assert.Equal("2026", data["period"]!.GetValue<string>());
        var opened = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalList, data, reminder.ActivityId);
        Assert.Contains("Penilaian kinerja — Tahun 2026", opened.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverdueReport_AgreesWithTheReminders_OnTheAnnualAppraisalAndItsDeadline()
    {
        await using var app = await StartInJanuaryAsync();
        await app.InstallAsync(BotApp.Rina);

        // Friday 8 January 2027 is the day itself; on Monday the 11th it is overdue in Rina's team report.
        app.SetClock(Wib(1, 8, 9, 5, year: 2027));
        await app.PlanAsync(Wib(1, 8, 9, 5, year: 2027));
        var reminder = (await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Pengingat penilaian tahunan"), "annual reminder"))[^1];
        Assert.Contains("penilaian kinerja Tahun 2026", reminder.CardText, StringComparison.Ordinal);
        Assert.Contains("8 Januari 2027", reminder.CardText, StringComparison.Ordinal);

        app.SetClock(Wib(1, 11, 10, 0, year: 2027));
        await app.SayAsync(BotApp.Rina, "tim");
        var team = (await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Tim Ibu Rina"), "team card"))[^1];
        Assert.Contains("Penilaian Tahun 2026 belum final (batas 8 Januari 2027)", team.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("Triwulan IV", team.CardText, StringComparison.Ordinal);
    }
}
