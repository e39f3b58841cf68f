using KinerjaBot.Localization;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Scenarios;

/// <summary>Which language cards come in: the person's choice, else the organisation's (Indonesian), never the Teams client's locale; dates and numbers follow it.</summary>
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
    public async Task AnEnglishTeamsClient_GetsTheOrganisationsIndonesian_InRepliesWelcomeAndProactiveCards_UntilThePersonChooses()
    {
        await using var app = await BotApp.StartAsync();

        // Both of Teams' install events, the first without a locale, the second with an English one: one welcome, in Indonesian.
        using (var bare = await app.PostAsync(app.Base(BotApp.Rina, Protocol.Activities.ActivityTypes.InstallationUpdate, null, a => a.Action = Protocol.Activities.InstallationActions.Add)))
        using (var english = await app.PostAsync(app.Base(BotApp.Rina, Protocol.Activities.ActivityTypes.InstallationUpdate, "en-US", a => a.Action = Protocol.Activities.InstallationActions.Add)))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, english.StatusCode);
        }

        var welcome = await app.WaitForAsync(BotApp.Rina, c => c.Card is not null, "welcome card");
        Assert.Single(welcome, c => c.Card is not null);
        Assert.Contains("Selamat datang", welcome.Single(c => c.Card is not null).CardText);

        await app.SayAsync(BotApp.Budi, "status", locale: "en-US");
        await app.WaitForAsync(BotApp.Budi, c => c.CardText.Contains("Kinerja Bapak Budi"), "Indonesian status card for an English client");
        await app.SayAsync(BotApp.Budi, "lapor", locale: "en-US");
        await app.WaitForAsync(BotApp.Budi, c => c.CardText.Contains("Lapor progres"), "Indonesian progress form");

        // A proactive card (Budi's report reaching Rina, whose Teams is in English) is Indonesian too.
        var form = await app.ExecuteAsync(BotApp.Budi, Features.Verbs.ProgressForm);
        var indicatorId = form.Card!["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "indicatorId")!["choices"]![0]!["value"]!.GetValue<string>();
        await app.ExecuteAsync(BotApp.Budi, Features.Verbs.ProgressSubmit, new System.Text.Json.Nodes.JsonObject { ["indicatorId"] = indicatorId, ["value"] = "2" });
        await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Progres dari Budi"), "Indonesian review card");
        Assert.DoesNotContain(app.To(BotApp.Budi), c => c.CardText.Contains("Report progress") || c.CardText.Contains("Performance of"));

        // Choosing is what switches.
        await app.SayAsync(BotApp.Budi, "language english", locale: "en-US");
        await app.SayAsync(BotApp.Budi, "status", locale: "en-US");
        await app.WaitForAsync(BotApp.Budi, c => c.CardText.Contains("Performance of"), "English status card once chosen");
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
