using System.Text.Json.Nodes;
using KinerjaBot.Domain;
using KinerjaBot.Features;
using KinerjaBot.Localization;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Scenarios;

/// <summary>Behaviour is rated against the 21 panduan perilaku: they are on the cards where people assess and rate.</summary>
public sealed class BehaviourGuideScenarios
{
    private const string Period = "2026-Q3";

    private static IEnumerable<string> AllGuides(Texts t) =>
        BerAkhlak.All.SelectMany(BerAkhlak.GuideCodes).Select(code => t["Appraisal.Guide." + code]);

    [Fact]
    public void Guides_EveryCode_HasItsTextInBothLanguages()
    {
        Assert.Equal(21, AllGuides(Texts.For(Texts.Indonesian)).Distinct().Count());
        Assert.Equal(21, AllGuides(Texts.For(Texts.English)).Distinct().Count());
        Assert.Contains("Tidak menyalahgunakan kewenangan jabatan", AllGuides(Texts.For(Texts.Indonesian)));
        Assert.Contains("Do not abuse the authority of office", AllGuides(Texts.For(Texts.English)));
    }

    [Fact]
    public async Task SelfAssessmentForm_ShowsEveryGuideUnderItsValue()
    {
        await using var app = await BotApp.StartAsync();

        var form = await app.ExecuteAsync(BotApp.Siti, Verbs.AppraisalSelfForm, new JsonObject { ["period"] = Period });

        Assert.All(AllGuides(Texts.For(Texts.Indonesian)), guide => Assert.Contains(guide, form.CardText));
        var body = form.Card!["body"]!.AsArray();
        var akuntabel = body.Select((e, i) => (e, i)).First(x => x.e!["id"]?.GetValue<string>() == "self.value.akuntabel").i;
        Assert.Contains("Melaksanakan tugas dengan jujur", body[akuntabel + 1]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task RaterCard_InEnglish_ShowsTheGuidesWithTheRatingInputs()
    {
        await using var app = await BotApp.StartAsync();
        int sitiId;
        await using (var db = app.NewDb())
        {
            await db.Employees.Where(e => e.Nip == BotApp.Rina.Nip).ExecuteUpdateAsync(s => s.SetProperty(e => e.Language, Texts.English));
            sitiId = (await db.Employees.SingleAsync(e => e.Nip == BotApp.Siti.Nip)).Id;
        }

        var card = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalOpen, new JsonObject { ["employeeId"] = sitiId, ["period"] = Period });

        Assert.All(AllGuides(Texts.For(Texts.English)), guide => Assert.Contains(guide, card.CardText));
        Assert.True(CardActions.Has(card.Card, Verbs.AppraisalRate));
    }
}
