using System.Net;
using System.Net.Http.Headers;
using System.Text;
using KinerjaBot.Infrastructure.Csv;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Import;

/// <summary>An administrator downloads the organisation and the SKPs in the import layout and posts them back.</summary>
public sealed class OrganisationExportScenarios
{
    private const string Key = "export-admin-key-0123456789-0123456789";
    private static readonly string[] Kinds = ["units", "employees", "skp"];

    private static Task<BotApp> StartAsync(bool demo) =>
        BotApp.StartAsync(new Dictionary<string, string?> { ["Admin:ApiKey"] = Key, ["Demo:Seed"] = demo ? "true" : "false" });

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(BotApp app, HttpMethod method, string path, string? csv = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = csv is null ? null : new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var response = await app.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> ExportAsync(BotApp app, string kind)
    {
        var (status, body) = await SendAsync(app, HttpMethod.Get, "/admin/import/" + kind);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    [Fact]
    public async Task The_exported_organisation_imports_into_an_empty_bot_and_exports_identically()
    {
        await using var demo = await StartAsync(demo: true);
        await using var empty = await StartAsync(demo: false);

        foreach (var kind in Kinds)
        {
            var exported = await ExportAsync(demo, kind);
            var (status, body) = await SendAsync(empty, HttpMethod.Post, "/admin/import/" + kind, exported);
            Assert.True(status == HttpStatusCode.OK, $"{kind}: {status} {body}");
            Assert.Equal(exported, await ExportAsync(empty, kind));
        }
    }

    [Fact]
    public async Task An_indicator_read_apart_from_its_default_keeps_that_reading_through_export_and_import()
    {
        await using var demo = await StartAsync(demo: true);
        await using var empty = await StartAsync(demo: false);
        await using (var db = demo.NewDb())
        {
            // A count whose reports are each month's mean, where fewer is better: nothing the aspek and unit give.
            await db.Indicators.Where(i => i.Text == "Jumlah data ganda yang diverifikasi")
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Combination, KinerjaBot.Domain.ReportCombination.Average)
                    .SetProperty(i => i.Direction, KinerjaBot.Domain.IndicatorDirection.LowerIsBetter));
        }

        foreach (var kind in Kinds)
        {
            var (status, body) = await SendAsync(empty, HttpMethod.Post, "/admin/import/" + kind, await ExportAsync(demo, kind));
            Assert.True(status == HttpStatusCode.OK, $"{kind}: {status} {body}");
        }

        var skp = CsvReader.Parse(await ExportAsync(empty, "skp"));
        Assert.Equal(["realisation", "direction"], skp.Header.TakeLast(2));
        var row = skp.Records.Single(r => r.Fields[5] == "Jumlah data ganda yang diverifikasi").Fields;
        Assert.Equal(("Average", "LowerIsBetter"), (row[^2], row[^1]));
        var waktu = skp.Records.Single(r => r.Fields[5] == "Rata-rata waktu penerbitan KTP-el").Fields;
        Assert.Equal(("Waktu", "Average", "LowerIsBetter"), (waktu[6], waktu[^2], waktu[^1]));
    }

    [Fact]
    public async Task The_export_has_the_import_columns_and_every_seeded_row()
    {
        await using var app = await StartAsync(demo: true);

        var employees = CsvReader.Parse(await ExportAsync(app, "employees"));
        var skp = CsvReader.Parse(await ExportAsync(app, "skp"));

        Assert.Equal(["nip", "name", "position_type", "position_name", "unit_code", "salutation", "address_name", "rater_nip", "email", "aad_object_id", "time_zone", "language", "credit_coefficient", "active", "unit_head", "external"], employees.Header);
        var budi = employees.Records.Single(r => r.Fields[0] == BotApp.Budi.Nip).Fields;
        Assert.Equal(("Fungsional", BotApp.Rina.Nip, "12.5", "tidak"), (budi[2], budi[7], budi[12], budi[14]));
        Assert.Equal("ya", employees.Records.Single(r => r.Fields[0] == BotApp.Rina.Nip).Fields[14]);
        var uptime = skp.Records.Single(r => r.Fields[5] == "Persentase waktu layanan daring tersedia").Fields;
        Assert.Equal((BotApp.Budi.Nip, "1", "Kualitas", "99", "%"), (uptime[0], uptime[2], uptime[6], uptime[7], uptime[8]));
    }

    [Fact]
    public async Task Posting_the_downloaded_units_and_employees_back_changes_nothing()
    {
        await using var app = await StartAsync(demo: true);
        foreach (var kind in new[] { "units", "employees" })
        {
            var before = await ExportAsync(app, kind);
            var (status, body) = await SendAsync(app, HttpMethod.Post, "/admin/import/" + kind, before);
            Assert.True(status == HttpStatusCode.OK, $"{kind}: {status} {body}");
            Assert.Equal(before, await ExportAsync(app, kind));
        }
    }

    [Fact]
    public async Task Downloading_needs_the_admin_key()
    {
        await using var app = await StartAsync(demo: true);
        using var response = await app.Http.GetAsync("/admin/import/employees");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(app, HttpMethod.Get, "/admin/import/passwords")).Status);
    }
}
