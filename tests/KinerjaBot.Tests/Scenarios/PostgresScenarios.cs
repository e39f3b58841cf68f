using System.Text.Json.Nodes;
using KinerjaBot.Domain;
using KinerjaBot.Features;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Scenarios;

/// <summary>The everyday journey on PostgreSQL, the provider of multi-instance deployments.</summary>
public sealed class PostgresScenarios
{
    [PostgresFact]
    public async Task Report_confirm_and_approve_from_two_devices_on_postgres()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using var app = await BotApp.StartAsync(database.Settings);
        await app.InstallAsync(BotApp.Rina);

        await app.SayAsync(BotApp.Siti, "lapor hari ini selesai 3 dari 5 laporan pengaduan");
        await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Apakah ini benar?"), "confirmation card");
        await app.SayAsync(BotApp.Siti, "ya");
        var review = (await app.WaitForAsync(BotApp.Rina, c => CardActions.Has(c.Card, Verbs.ProgressApprove), "review card"))
            .Last(c => c.ConversationId == BotApp.Rina.ConversationId && CardActions.Has(c.Card, Verbs.ProgressApprove));
        var data = CardActions.DataOf(review.Card!, Verbs.ProgressApprove);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.ExecuteAsync(BotApp.Rina, Verbs.ProgressApprove, (JsonObject)data.DeepClone())));

        Assert.All(results, r => Assert.Equal(200, r.StatusCode));
        await app.WaitForAsync(BotApp.Siti, c => c.Text?.Contains("menyetujui progres Anda") == true, "outcome message");
        await using var db = app.NewDb();
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
        var entry = await db.ProgressEntries.OrderByDescending(p => p.Id).FirstAsync(p => p.Employee!.Nip == BotApp.Siti.Nip);
        Assert.Equal(ProgressStatus.Approved, entry.Status);
        Assert.Equal(3m, entry.Value);
        var id = entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Single(await db.AuditEntries.Where(a => a.EntityType == "ProgressEntry" && a.EntityId == id && a.Action == "Modified").ToListAsync());
        Assert.Empty(await db.Flows.ToListAsync());
    }
}
