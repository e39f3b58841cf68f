using System.Net;
using System.Net.Http.Headers;
using System.Text;
using KinerjaBot.Infrastructure.Csv;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Reports;

/// <summary>Names and plans that look like spreadsheet formulas leave every export as text, and still round-trip.</summary>
public sealed class FormulaExportScenarios
{
    private const string Key = "formula-admin-key-0123456789-0123456789";
    private const string Hyperlink = "=HYPERLINK(\"http://evil.example/\",\"klik\")";

    private const string Units = """
        code,name,time_zone
        -BKD,"=HYPERLINK(""http://evil.example/"",""klik"")",Asia/Jayapura
        """;

    private const string Employees = """
        nip,name,position_type,position_name,unit_code,rater_nip
        197001011995031001,"=HYPERLINK(""http://evil.example/"",""klik"")",Jpt,+Kepala Badan,-BKD,
        198502022010012002,@Maria Kogoya,Administrator,'=Kepala Bidang,-BKD,197001011995031001
        """;

    private const string Skp = """
        nip,year,rhk_no,rhk_kind,rhk_text,indicator_text,aspect,target,unit
        198502022010012002,2026,1,utama,=1+1,-2+3 usulan diproses,kuantitas,12,@usulan
        """;

    [Fact]
    public async Task Every_text_cell_of_every_export_is_defused_and_the_organisation_round_trips()
    {
        await using var app = await StartAsync(demo: true);
        foreach (var (kind, csv) in new[] { ("units", Units), ("employees", Employees), ("skp", Skp) })
        {
            var (status, body) = await SendAsync(app, HttpMethod.Post, "/admin/import/" + kind, csv);
            Assert.True(status == HttpStatusCode.OK, $"{kind}: {status} {body}");
        }

        await using (var db = app.NewDb())
        {
            Assert.Equal(Hyperlink, await db.Employees.Where(e => e.Nip == "197001011995031001").Select(e => e.Name).SingleAsync());
            Assert.Equal("=Kepala Bidang", await db.Employees.Where(e => e.Nip == "198502022010012002").Select(e => e.PositionName).SingleAsync());
        }

        var exports = new Dictionary<string, string>();
        foreach (var path in new[] { "/admin/import/units", "/admin/import/employees", "/admin/import/skp?year=2026", "/admin/export/progress?year=2026", "/admin/export/feedback?year=2026", "/admin/export/appraisals?year=2026", "/admin/export/units?year=2026" })
        {
            var (status, body) = await SendAsync(app, HttpMethod.Get, path);
            Assert.True(status == HttpStatusCode.OK, $"{path}: {status} {body}");
            exports[path] = body;
            var document = CsvReader.Parse(body);
            foreach (var field in document.Records.SelectMany(r => r.Fields))
            {
                Assert.False(
                    field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !decimal.TryParse(field, System.Globalization.CultureInfo.InvariantCulture, out _),
                    $"{path}: a cell a spreadsheet would run: {field}");
            }
        }

        Assert.Contains("\"'=HYPERLINK(", exports["/admin/import/employees"], StringComparison.Ordinal);
        Assert.Contains(",'=Kepala Bidang,", exports["/admin/import/employees"], StringComparison.Ordinal);
        Assert.Contains("'=1+1", exports["/admin/import/skp?year=2026"], StringComparison.Ordinal);

        await using var empty = await StartAsync(demo: false);
        foreach (var path in new[] { "/admin/import/units", "/admin/import/employees", "/admin/import/skp?year=2026" })
        {
            var (status, body) = await SendAsync(empty, HttpMethod.Post, path.Split('?')[0], exports[path]);
            Assert.True(status == HttpStatusCode.OK, $"{path}: {status} {body}");
            Assert.Equal(exports[path], (await SendAsync(empty, HttpMethod.Get, path)).Body);
        }

        await using var copy = empty.NewDb();
        Assert.Equal(Hyperlink, await copy.Employees.Where(e => e.Nip == "197001011995031001").Select(e => e.Name).SingleAsync());
        Assert.Equal("=Kepala Bidang", await copy.Employees.Where(e => e.Nip == "198502022010012002").Select(e => e.PositionName).SingleAsync());
    }

    private static Task<BotApp> StartAsync(bool demo) =>
        BotApp.StartAsync(new Dictionary<string, string?> { ["Admin:ApiKey"] = Key, ["Demo:Seed"] = demo ? "true" : "false" });

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(BotApp app, HttpMethod method, string path, string? csv = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = csv is null ? null : new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var response = await app.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
