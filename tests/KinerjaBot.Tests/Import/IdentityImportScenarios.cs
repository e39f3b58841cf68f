using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KinerjaBot.Data.Model;
using KinerjaBot.Demo;
using KinerjaBot.Domain;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaBot.Tests.Import;

/// <summary>One Teams identity, one employee: the import refuses a second holder, the schema forbids one.</summary>
public sealed class IdentityImportScenarios
{
    private const string Key = "import-admin-key-0123456789-0123456789";
    private const string Shared = "6f1c2a4e-0000-4000-8000-00000000aaaa";
    private const string Other = "6f1c2a4e-0000-4000-8000-00000000bbbb";

    private const string Units = """
        code,name,time_zone
        PAPUA-BKD,Badan Kepegawaian Daerah Provinsi Papua,Asia/Jayapura
        """;

    [Fact]
    public Task Two_rows_with_one_identity_are_refused_naming_both_Sqlite() => TwoRowsOneIdentity(TestDatabase.Sqlite);

    [PostgresFact]
    public Task Two_rows_with_one_identity_are_refused_naming_both_Postgres() => TwoRowsOneIdentity(TestDatabase.Postgres);

    [Fact]
    public Task An_identity_held_by_a_stored_employee_is_refused_Sqlite() => HeldByStored(TestDatabase.Sqlite);

    [PostgresFact]
    public Task An_identity_held_by_a_stored_employee_is_refused_Postgres() => HeldByStored(TestDatabase.Postgres);

    [Fact]
    public Task Two_employees_swapping_identities_in_one_file_is_applied_Sqlite() => Swap(TestDatabase.Sqlite);

    [PostgresFact]
    public Task Two_employees_swapping_identities_in_one_file_is_applied_Postgres() => Swap(TestDatabase.Postgres);

    [Fact]
    public Task Migration_clears_identities_already_shared_and_makes_them_unique_Sqlite() => MigrationClearsShared(TestDatabase.Sqlite);

    [PostgresFact]
    public Task Migration_clears_identities_already_shared_and_makes_them_unique_Postgres() => MigrationClearsShared(TestDatabase.Postgres);

    private static async Task TwoRowsOneIdentity(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await StartAsync(database);
        var before = await app.NewDb().Employees.CountAsync();

        var (status, body) = await ImportAsync(app, "employees", $"""
            nip,name,position_type,position_name,unit_code,aad_object_id
            197001011995031001,Yohanes Wenda,Jpt,Kepala Badan,PAPUA-BKD,{Shared}
            198502022010012002,Maria Kogoya,Administrator,Kepala Bidang,PAPUA-BKD,{Shared.ToUpperInvariant()}
            """, lang: "en");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(3, error["line"]!.GetValue<int>());
        Assert.Equal("aad_object_id", error["column"]!.GetValue<string>());
        Assert.Equal($"Teams identity (aad_object_id) {Shared} of NIP 198502022010012002 is already used by NIP 197001011995031001 on line 2 of this file. A Teams identity can belong to one employee only.", error["message"]!.GetValue<string>());
        Assert.Equal(before, await app.NewDb().Employees.CountAsync());
    }

    private static async Task HeldByStored(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await StartAsync(database);
        var siti = DemoSeeder.AadObjectIdOf(BotApp.Siti.Nip);

        var (status, body) = await ImportAsync(app, "employees", $"""
            nip,name,position_type,position_name,unit_code,aad_object_id
            197001011995031001,Yohanes Wenda,Jpt,Kepala Badan,PAPUA-BKD,{siti}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = Assert.Single(body["errors"]!.AsArray())!["message"]!.GetValue<string>();
        Assert.Contains($"NIP 197001011995031001 sudah dimiliki pegawai tersimpan NIP {BotApp.Siti.Nip}", message);
        Assert.False(await app.NewDb().Employees.AnyAsync(e => e.Nip == "197001011995031001"));
    }

    private static async Task Swap(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await StartAsync(database);
        const string Header = "nip,name,position_type,position_name,unit_code,aad_object_id";
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(app, "employees", $"""
            {Header}
            197001011995031001,Yohanes Wenda,Jpt,Kepala Badan,PAPUA-BKD,{Shared}
            198502022010012002,Maria Kogoya,Administrator,Kepala Bidang,PAPUA-BKD,{Other}
            """)).Status);

        var swapped = await ImportAsync(app, "employees", $"""
            {Header}
            197001011995031001,Yohanes Wenda,Jpt,Kepala Badan,PAPUA-BKD,{Other}
            198502022010012002,Maria Kogoya,Administrator,Kepala Bidang,PAPUA-BKD,{Shared}
            """);

        Assert.Equal(HttpStatusCode.OK, swapped.Status);
        await using var db = app.NewDb();
        Assert.Equal(Other, await db.Employees.Where(e => e.Nip == "197001011995031001").Select(e => e.AadObjectId).SingleAsync());
        Assert.Equal(Shared, await db.Employees.Where(e => e.Nip == "198502022010012002").Select(e => e.AadObjectId).SingleAsync());
    }

    private static async Task MigrationClearsShared(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var old = database.NewContext())
        {
            await old.GetInfrastructure().GetRequiredService<IMigrator>().MigrateAsync("20261201020000_Directory");
            var unit = new OrgUnit { Code = "OLD", Name = "Unit lama", TimeZone = IndonesianTimeZones.Wib };
            old.Units.Add(unit);
            await old.SaveChangesAsync();
            // Rows as that schema had them: the model of today has columns later migrations add.
            foreach (var (nip, aad) in new[] { ("197001011995031001", Shared), ("198502022010012002", Shared), ("199003032015031003", Other), ("199104042016041004", (string?)null), ("199205052017052005", null) })
            {
                await old.Database.ExecuteSqlRawAsync(
                    "INSERT INTO employees (\"Nip\", \"Name\", \"Salutation\", \"PositionType\", \"PositionName\", \"UnitId\", \"AadObjectId\", \"TimeZone\", \"IsActive\", \"OptionalNudgesOff\", \"ApprovalsAsDigest\", \"Version\") "
                    + "VALUES ({0}, {1}, 'Bapak', 'Fungsional', 'Analis', {2}, {3}, {4}, TRUE, FALSE, FALSE, 0)",
                    nip, "Pegawai " + nip, unit.Id, aad ?? "", IndonesianTimeZones.Wib);
            }

            await old.Database.ExecuteSqlRawAsync("UPDATE employees SET \"AadObjectId\" = NULL WHERE \"AadObjectId\" = ''");
        }

        await using var db = database.NewContext();
        await db.Database.MigrateAsync();

        var ids = await db.Employees.OrderBy(e => e.Nip).Select(e => e.AadObjectId).ToListAsync();
        Assert.Equal([null, null, Other, null, null], ids);
        db.Employees.Add(Person("199306062018062006", Other, (await db.Units.SingleAsync()).Id));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    private static Employee Person(string nip, string? aad, int unitId) => new()
    {
        Nip = nip, Name = "Pegawai " + nip, PositionName = "Analis", PositionType = PositionType.Fungsional, UnitId = unitId,
        AadObjectId = aad, TimeZone = IndonesianTimeZones.Wib,
    };

    private static async Task<BotApp> StartAsync(TestDatabase database)
    {
        var settings = database.Settings;
        settings["Admin:ApiKey"] = Key;
        var app = await BotApp.StartAsync(settings);
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(app, "units", Units)).Status);
        return app;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> ImportAsync(BotApp app, string kind, string csv, string? lang = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/import/{kind}{(lang is null ? "" : "?lang=" + lang)}")
        {
            Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var response = await app.Http.SendAsync(request);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }
}
