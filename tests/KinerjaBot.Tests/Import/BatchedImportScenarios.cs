using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Import;

/// <summary>
/// A large employees file is written in batches (here of 100 rows) inside one transaction: raters named further
/// down the file, identities moving between batches and unit heads still come out as one whole-file write would.
/// </summary>
public sealed class BatchedImportScenarios
{
    private const string Key = "batch-admin-key-0123456789-0123456789";
    private const int Rows = 1500;
    private const int Raters = 15;

    [Fact]
    public Task A_file_over_many_batches_links_forward_raters_and_a_second_import_changes_nothing_Sqlite() => ImportTwice(TestDatabase.Sqlite);

    [PostgresFact]
    public Task A_file_over_many_batches_links_forward_raters_and_a_second_import_changes_nothing_Postgres() => ImportTwice(TestDatabase.Postgres);

    private static string Nip(int i) => $"1980{i:0000000000}1{i % 1000:000}";

    private static string Aad(int i) => $"00000000-0000-4000-8000-{i:000000000000}";

    /// <summary>The raters are the last rows, so every other row names someone a later batch creates.</summary>
    private static string File(Func<int, string> aad)
    {
        var csv = new StringBuilder("nip,name,position_type,position_name,unit_code,rater_nip,aad_object_id,unit_head\n");
        for (var i = 0; i < Rows; i++)
        {
            var rater = i >= Rows - Raters ? "" : Nip(Rows - Raters + i % Raters);
            csv.Append($"{Nip(i)},Pegawai Nomor {i},Pelaksana,Pengelola Data,U1,{rater},{aad(i)},{(i == Rows - 1 ? "ya" : "")}\n");
        }

        return csv.ToString();
    }

    private static async Task ImportTwice(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings;
        settings["Admin:ApiKey"] = Key;
        settings["Import:BatchSize"] = "100";
        settings["Demo:Seed"] = "false";
        await using var app = await BotApp.StartAsync(settings);
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(app, "units", "code,name,time_zone\nU1,Unit Satu,Asia/Jakarta\n")).Status);

        var (status, body) = await ImportAsync(app, "employees", File(Aad));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Rows, body["created"]!.GetValue<int>());
        await using (var db = app.NewDb())
        {
            var ids = await db.Employees.ToDictionaryAsync(e => e.Nip, e => e.Id);
            var raters = await db.Employees.ToDictionaryAsync(e => e.Nip, e => e.RaterId);
            Assert.Equal(Rows, ids.Count);
            for (var i = 0; i < Rows; i++)
            {
                Assert.Equal(i >= Rows - Raters ? null : ids[Nip(Rows - Raters + i % Raters)], raters[Nip(i)]);
            }

            Assert.Equal(ids[Nip(Rows - 1)], (await db.Units.SingleAsync()).HeadEmployeeId);
            var audits = await db.AuditEntries.Where(a => a.EntityType == "Employee" && a.ActorUserId == "import:employees").GroupBy(a => a.Action).ToDictionaryAsync(g => g.Key, g => g.Count());
            // Every employee once as added; each row whose rater came later once more, for that link.
            Assert.Equal(Rows, audits["Added"]);
            Assert.Equal(Rows - Raters, audits["Modified"]);
        }

        var before = await FingerprintAsync(app);
        (status, body) = await ImportAsync(app, "employees", File(Aad));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body["created"]!.GetValue<int>());
        Assert.Equal(Rows, body["updated"]!.GetValue<int>());
        Assert.Equal(before, await FingerprintAsync(app));

        // The first and the last row (first and last batch) trade identities: each is released before either is written.
        (status, _) = await ImportAsync(app, "employees", File(i => i == 0 ? Aad(Rows - 1) : i == Rows - 1 ? Aad(0) : Aad(i)));

        Assert.Equal(HttpStatusCode.OK, status);
        await using (var db = app.NewDb())
        {
            Assert.Equal(Aad(Rows - 1), await db.Employees.Where(e => e.Nip == Nip(0)).Select(e => e.AadObjectId).SingleAsync());
            Assert.Equal(Aad(0), await db.Employees.Where(e => e.Nip == Nip(Rows - 1)).Select(e => e.AadObjectId).SingleAsync());
        }
    }

    private static async Task<string> FingerprintAsync(BotApp app)
    {
        await using var db = app.NewDb();
        var people = await db.Employees.OrderBy(e => e.Id).Select(e => $"{e.Nip}|{e.RaterId}|{e.AadObjectId}|{e.Version}").ToListAsync();
        var head = await db.Units.Select(u => u.HeadEmployeeId).SingleAsync();
        var audits = await db.AuditEntries.CountAsync();
        return string.Join("\n", people.Append($"{head}|{audits}"));
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> ImportAsync(BotApp app, string kind, string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/import/{kind}") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var response = await app.Http.SendAsync(request);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }
}
