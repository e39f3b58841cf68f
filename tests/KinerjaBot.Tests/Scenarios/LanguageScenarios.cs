using KinerjaBot.Localization;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Scenarios;

/// <summary>Which language cards come in: the conversation's choice first, else the Teams locale; dates and numbers follow it.</summary>
public sealed class LanguageScenarios
{
    [Fact]
    public async Task ConversationSwitchedToEnglish_StatusHelpAndReport_AreEnglishCardsEvenWithAnIndonesianTeamsLocale()
    {
        await using var app = await BotApp.StartAsync();

        await app.SayAsync(BotApp.Siti, "bahasa inggris");
        await app.WaitForAsync(BotApp.Siti, c => c.Text == "Okay, from now on I will use English.", "switch confirmed in English");

        await app.SayAsync(BotApp.Siti, "status");
        var status = (await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Performance of"), "English status card")).Last(c => c.CardText.Contains("Performance of"));
        Assert.Contains("2,400", status.CardText); // Siti's KTP-el target, English number format
        Assert.DoesNotContain("2.400", status.CardText);
        Assert.DoesNotContain("Kinerja ", status.CardText);

        await app.SayAsync(BotApp.Siti, "bantuan");
        await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("KinerjaBot help"), "English help card");

        await app.SayAsync(BotApp.Siti, "lapor");
        var form = (await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Report progress"), "English progress form")).Last(c => c.CardText.Contains("Report progress"));
        Assert.DoesNotContain("Lapor progres", form.CardText);

        // and back: the choice is stored, the Teams locale does not override it
        await app.SayAsync(BotApp.Siti, "language indonesian", locale: "en-US");
        await app.WaitForAsync(BotApp.Siti, c => c.Text == Texts.For(Texts.Indonesian)["Language.Switched"], "switch back confirmed in Indonesian");
        await app.SayAsync(BotApp.Siti, "status", locale: "en-US");
        var indonesian = (await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Kinerja Ibu Siti"), "Indonesian status card")).Last(c => c.CardText.Contains("Kinerja Ibu Siti"));
        Assert.Contains("2.400", indonesian.CardText);
        await using var db = app.NewDb();
        Assert.Equal(Texts.Indonesian, (await db.Employees.SingleAsync(e => e.Nip == BotApp.Siti.Nip)).Language);
    }

    [Fact]
    public async Task TeamsLocaleEnUs_FromTheFirstMessage_GetsEnglishCards()
    {
        await using var app = await BotApp.StartAsync();

        await app.SayAsync(BotApp.Budi, "status", locale: "en-US");
        await app.WaitForAsync(BotApp.Budi, c => c.CardText.Contains("Performance of"), "English status card on the first message");
        await app.SayAsync(BotApp.Budi, "lapor", locale: "en-US");
        await app.WaitForAsync(BotApp.Budi, c => c.CardText.Contains("Report progress"), "English progress form");

        await app.SayAsync(BotApp.Rina, "status", locale: "id-ID");
        await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Kinerja Ibu Rina"), "an Indonesian locale still gets Indonesian");
        Assert.DoesNotContain(app.To(BotApp.Budi), c => c.CardText.Contains("Lapor progres") || c.CardText.Contains("Kinerja Bapak Budi"));
    }

    [Fact]
    public void DatesAndNumbers_FollowTheLanguage()
    {
        var indonesian = Texts.For(Texts.Indonesian);
        var english = Texts.For(Texts.English);
        var date = new DateOnly(2026, 11, 23);

        Assert.Equal("1.234,5", indonesian.Number(1234.5m));
        Assert.Equal("1,234.5", english.Number(1234.5m));
        Assert.Equal("2.400", indonesian.Number(2400m));
        Assert.Equal("23 November 2026", indonesian.Date(date));
        Assert.Equal("23 November 2026", english.Date(date));
        Assert.Equal("1 Agustus 2026", indonesian.Date(new DateOnly(2026, 8, 1)));
        Assert.Equal("1 August 2026", english.Date(new DateOnly(2026, 8, 1)));
    }
}
