using System.Net;
using System.Net.Http.Headers;
using System.Text;
using KinerjaBot.Demo;
using KinerjaBot.Domain;
using KinerjaBot.Features.Reports;
using KinerjaBot.Features.OrgDirectory;
using KinerjaBot.Infrastructure.Csv;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaBot.Tests.OrgDirectory;

/// <summary>Directory sync, reports and exports on PostgreSQL, with two instances sharing the database.</summary>
public sealed class DirectoryPostgresTests
{
    private const string Key = "directory-admin-key-0123456789-0123456789";

    private static readonly string[] DemoNips =
    [
        "197204101998031005", "198003152005011002", "199001012015031001", "199205122019032002", "198811232014021003",
        "197006151995121001", "198507072010012004", "197512302000031002", "199309092020122001",
    ];

    private static void EveryoneWithoutManager(StandInGraph graph)
    {
        foreach (var nip in DemoNips)
        {
            graph.AddPerson(DemoSeeder.AadObjectIdOf(nip));
        }
    }

    [PostgresFact]
    public async Task TwoInstances_TheScheduledSyncOfASlotRunsOnce()
    {
        await using var graph = await StandInGraph.StartAsync();
        EveryoneWithoutManager(graph);
        graph.AddPerson(DemoSeeder.AadObjectIdOf("197006151995121001"), DemoSeeder.AadObjectIdOf("197204101998031005"));
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            ["Reminders:Graph:BaseUrl"] = graph.BaseUrl,
            ["Directory:Sync:Interval"] = "01:00:00",
        };
        await using var first = await BotApp.StartAsync(settings);
        await using var second = await BotApp.StartAsync(settings);

        var runs = await Task.WhenAll(
            first.Services.GetRequiredService<DirectorySyncService>().TickAsync(CancellationToken.None),
            second.Services.GetRequiredService<DirectorySyncService>().TickAsync(CancellationToken.None));

        var run = Assert.Single(runs, r => r is not null)!;
        Assert.Equal(9, run.Checked);
        Assert.Equal(1, run.GapsFilled);
        Assert.Equal(1, graph.Calls.Count(c => c == $"GET /users/{DemoSeeder.AadObjectIdOf("197006151995121001")}/manager"));
        Assert.Null(await first.Services.GetRequiredService<DirectorySyncService>().TickAsync(CancellationToken.None));
        await using var db = first.NewDb();
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
        Assert.Equal(9, await db.DirectoryLinks.CountAsync());
        // Graph has no manager for the others, whose imported raters stand: each one is a conflict.
        Assert.Equal(6, await db.DirectoryConflicts.CountAsync(c => c.ResolvedAt == null));
    }

    [PostgresFact]
    public async Task Exports_TeamCard_AndUnitOverview_WorkOnPostgres()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using var app = await BotApp.StartAsync(new Dictionary<string, string?>(database.Settings) { ["Admin:ApiKey"] = Key });

        foreach (var kind in new[] { "progress", "feedback", "appraisals", "units" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/export/{kind}?year=2026");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            using var response = await app.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var document = CsvReader.Parse(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
            Assert.Equal(ReportExports.Header(Enum.Parse<ExportKind>(kind, ignoreCase: true), ExportFormat.Indonesian).Select(h => h.ToLowerInvariant()), document.Header);
            if (kind == "units")
            {
                Assert.Equal(4, document.Records.Count);
            }
            else if (kind == "progress")
            {
                await using var db = app.NewDb();
                var groups = (await db.ProgressEntries.Where(p => p.Date.Year == 2026 && p.Status != ProgressStatus.Withdrawn && p.Status != ProgressStatus.Returned)
                    .Select(p => new { p.EmployeeId, p.IndicatorId, p.Date }).ToListAsync()).Select(p => (p.EmployeeId, p.IndicatorId, p.Date.Month)).Distinct().Count();
                Assert.Equal(groups, document.Records.Count);
            }
        }

        await app.SayAsync(BotApp.Rina, "tim");
        await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("3 anggota · 3 laporan menunggu tinjauan"), "team card");
        await app.SayAsync(BotApp.Hendra, "ringkasan unit");
        await app.WaitForAsync(BotApp.Hendra, c => c.CardText.Contains("4 pegawai · 3 melapor bulan ini"), "unit overview");
    }
}
