using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Scenarios;

/// <summary>People are greeted by the name Indonesians would use, not by a name particle or a title.</summary>
public sealed class SalutationScenarios
{
    [Theory]
    [InlineData("I Made Suarta, S.Kom.", "Bapak Suarta")]
    [InlineData("Tua Simanjuntak", "Bapak Simanjuntak")]
    [InlineData("Drs. Sukarno", "Bapak Sukarno")]
    public async Task Install_NameWithParticlesOrTitles_WelcomesWithTheRightName(string name, string expected)
    {
        await using var app = await BotApp.StartAsync();
        await using (var db = app.NewDb())
        {
            await db.Employees.Where(e => e.Nip == BotApp.Budi.Nip).ExecuteUpdateAsync(s => s.SetProperty(e => e.Name, name));
        }

        await app.InstallAsync(BotApp.Budi);

        var welcome = app.To(BotApp.Budi).Single(c => c.Card is not null);
        Assert.Contains("Selamat datang di KinerjaBot, " + expected, welcome.CardText);
    }

    [Fact]
    public async Task Install_StoredAddressName_WinsOverTheDerivedOne()
    {
        await using var app = await BotApp.StartAsync();
        await using (var db = app.NewDb())
        {
            await db.Employees.Where(e => e.Nip == BotApp.Budi.Nip)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Name, "I Made Suarta").SetProperty(e => e.AddressName, "Made"));
        }

        await app.InstallAsync(BotApp.Budi);

        Assert.Contains("Selamat datang di KinerjaBot, Bapak Made", app.To(BotApp.Budi).Single(c => c.Card is not null).CardText);
    }
}
