using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Import;

/// <summary>An administrator loads the organisation from the BKPSDM's spreadsheets through /admin/import.</summary>
public sealed class ImportScenarios
{
    private const string Key = "import-admin-key-0123456789-0123456789";

    private const string Units = """
        code,name,parent_code,time_zone,allow_peer_feedback
        PAPUA-BKD,Badan Kepegawaian Daerah Provinsi Papua,,Asia/Jayapura,ya
        PAPUA-BKD-MUTASI,"Bidang Mutasi, Promosi dan Pensiun",PAPUA-BKD,,tidak
        """;

    private const string Employees = """
        nip,name,position_type,position_name,unit_code,rater_nip,email,unit_head,credit_coefficient
        197001011995031001,Yohanes Wenda,Jpt,Kepala Badan,PAPUA-BKD,,yohanes@papua.go.id,ya,
        198502022010012002,Maria Kogoya,Administrator,Kepala Bidang Mutasi,PAPUA-BKD-MUTASI,197001011995031001,,ya,
        199003032015031003,Petrus Tabuni,Fungsional,Analis SDM Aparatur Ahli Pertama,PAPUA-BKD-MUTASI,198502022010012002,,,"12,5"
        """;

    private const string Skp = """
        nip,year,rhk_no,rhk_kind,rhk_text,parent_rhk_no,indicator_text,aspect,target,unit
        198502022010012002,2026,1,utama,Layanan mutasi tepat waktu,,Usulan mutasi diproses,kuantitas,1200,usulan
        198502022010012002,2026,1,utama,Layanan mutasi tepat waktu,,Usulan selesai dalam 14 hari,waktu,90,persen
        199003032015031003,2026,1,utama,Berkas mutasi terverifikasi,1,Berkas diverifikasi,kuantitas,600,berkas
        199003032015031003,2026,2,tambahan,Sosialisasi aturan mutasi,,Sosialisasi terlaksana,kuantitas,4,kegiatan
        """;

    private static Task<BotApp> StartAsync(Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["Admin:ApiKey"] = Key;
        return BotApp.StartAsync(settings);
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> ImportAsync(BotApp app, string kind, string csv, string? lang = null, string? key = Key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/import/{kind}{(lang is null ? "" : "?lang=" + lang)}")
        {
            Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await app.Http.SendAsync(request);
        var body = response.StatusCode == HttpStatusCode.Unauthorized ? new JsonObject() : (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (response.StatusCode, body);
    }

    private static List<(int Line, string? Column, string Message)> Errors(JsonObject body) =>
        body["errors"]!.AsArray().Select(e => (e!["line"]!.GetValue<int>(), e["column"]?.GetValue<string>(), e["message"]!.GetValue<string>())).ToList();

    /// <summary>Everything an import could touch, to prove a refused file changed nothing.</summary>
    private static async Task<string> FingerprintAsync(BotApp app)
    {
        await using var db = app.NewDb();
        var units = await db.Units.OrderBy(u => u.Id).Select(u => $"{u.Code}|{u.Name}|{u.ParentId}|{u.HeadEmployeeId}|{u.TimeZone}").ToListAsync();
        var people = await db.Employees.OrderBy(e => e.Id).Select(e => $"{e.Nip}|{e.Name}|{e.RaterId}|{e.UnitId}|{e.Version}").ToListAsync();
        var plans = await db.Indicators.OrderBy(i => i.Id).Select(i => $"{i.RhkId}|{i.Text}|{i.Target}").ToListAsync();
        var audits = await db.AuditEntries.CountAsync();
        return string.Join("\n", units.Concat(people).Concat(plans).Append(audits.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Units_employees_and_skp_import_in_order_and_link_up()
    {
        await using var app = await StartAsync();

        var units = await ImportAsync(app, "units", Units);
        var employees = await ImportAsync(app, "employees", Employees);
        var skp = await ImportAsync(app, "skp", Skp);

        Assert.Equal((HttpStatusCode.OK, 2), (units.Status, units.Body["created"]!.GetValue<int>()));
        Assert.Equal((HttpStatusCode.OK, 3), (employees.Status, employees.Body["created"]!.GetValue<int>()));
        Assert.Equal((HttpStatusCode.OK, 2), (skp.Status, skp.Body["created"]!.GetValue<int>()));
        await using var db = app.NewDb();
        var maria = await db.Employees.Include(e => e.Rater).Include(e => e.Unit).SingleAsync(e => e.Nip == "198502022010012002");
        var petrus = await db.Employees.Include(e => e.Rater).SingleAsync(e => e.Nip == "199003032015031003");
        Assert.Equal("Yohanes Wenda", maria.Rater!.Name);
        Assert.Equal(Salutation.Ibu, maria.Salutation);
        Assert.Equal(Salutation.Bapak, petrus.Salutation);
        Assert.Equal(IndonesianTimeZones.Wit, petrus.TimeZone);
        Assert.Equal(12.5m, petrus.CreditCoefficient);
        Assert.Equal(maria.Id, maria.Unit!.HeadEmployeeId);
        Assert.Equal("PAPUA-BKD", (await db.Units.SingleAsync(u => u.Id == maria.Unit.ParentId)).Code);
        var petrusSkp = await db.Skps.Include(s => s.Rhks).ThenInclude(r => r.Indicators).SingleAsync(s => s.EmployeeId == petrus.Id);
        Assert.Equal(SkpStatus.Approved, petrusSkp.Status);
        Assert.Equal(maria.Id, petrusSkp.RaterId);
        var supporting = petrusSkp.Rhks.Single(r => r.Order == 1);
        Assert.Equal("Layanan mutasi tepat waktu", (await db.Rhks.SingleAsync(r => r.Id == supporting.ParentRhkId)).Text);
        Assert.Equal(RhkKind.Tambahan, petrusSkp.Rhks.Single(r => r.Order == 2).Kind);
        Assert.Contains(await db.AuditEntries.ToListAsync(), a => a.EntityType == "Employee" && a.ActorUserId == "import:employees");
    }

    [Fact]
    public async Task Importing_the_same_files_again_updates_and_duplicates_nothing()
    {
        await using var app = await StartAsync();
        await ImportAsync(app, "units", Units);
        await ImportAsync(app, "employees", Employees);
        await ImportAsync(app, "skp", Skp);
        int indicators;
        await using (var db = app.NewDb())
        {
            indicators = await db.Indicators.CountAsync();
        }

        var again = await ImportAsync(app, "employees", Employees.Replace("Petrus Tabuni", "\"Petrus Tabuni, S.Psi.\"", StringComparison.Ordinal));
        var skpAgain = await ImportAsync(app, "skp", Skp);

        Assert.Equal((0, 3), (again.Body["created"]!.GetValue<int>(), again.Body["updated"]!.GetValue<int>()));
        Assert.Equal((0, 2), (skpAgain.Body["created"]!.GetValue<int>(), skpAgain.Body["updated"]!.GetValue<int>()));
        await using var check = app.NewDb();
        Assert.Equal(indicators, await check.Indicators.CountAsync());
        Assert.Equal("Petrus Tabuni, S.Psi.", (await check.Employees.SingleAsync(e => e.Nip == "199003032015031003")).Name);
    }

    [Fact]
    public async Task A_malformed_employee_file_is_refused_line_by_line_and_changes_nothing()
    {
        await using var app = await StartAsync();
        await ImportAsync(app, "units", Units);
        var before = await FingerprintAsync(app);
        const string csv = """
            nip,name,position_type,position_name,unit_code,rater_nip,email
            197001011995031001,Yohanes Wenda,Jpt,Kepala Badan,PAPUA-BKD,,yohanes@papua.go.id
            19850202201001200,Maria Kogoya,Administrator,Kepala Bidang,PAPUA-BKD,,
            199003032015031003,Petrus Tabuni,Tukang,Analis,NOWHERE,199909099999999999,bukan-email
            199003032015031003,Petrus Lagi,Fungsional,Analis,PAPUA-BKD,,
            199104042016041004,"Sem ""Frans"" Yikwa",Pelaksana,,PAPUA-BKD,199104042016041004,
            199205052017051005,Terlalu,Sedikit
            """;

        var (status, body) = await ImportAsync(app, "employees", csv);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = Errors(body);
        Assert.Contains((3, "nip", "NIP \"19850202201001200\" harus 18 digit angka."), errors);
        Assert.Contains(errors, e => e is { Line: 4, Column: "position_type" } && e.Message.Contains("\"Tukang\" tidak dikenal", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is { Line: 4, Column: "unit_code" } && e.Message.Contains("NOWHERE", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is { Line: 4, Column: "email" });
        Assert.Contains((5, "nip", "\"199003032015031003\" sudah ada di baris 4 berkas ini."), errors);
        Assert.Contains((6, "position_name", "Wajib diisi."), errors);
        Assert.Contains((6, "rater_nip", "Pegawai tidak dapat menjadi pejabat penilai bagi dirinya sendiri."), errors);
        Assert.Contains((7, null, "Baris ini berisi 3 kolom, sedangkan baris judul 7 kolom."), errors);
        Assert.DoesNotContain(errors, e => e.Line == 2);
        Assert.Equal(before, await FingerprintAsync(app));
    }

    [Fact]
    public async Task Messages_come_in_English_when_asked_and_header_problems_are_on_line_1()
    {
        await using var app = await StartAsync();

        var (status, body) = await ImportAsync(app, "units", "code,nama\nX,Y\n", lang: "en");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = Errors(body);
        Assert.Contains(errors, e => e is { Line: 1, Column: "nama" } && e.Message.StartsWith("Unknown column \"nama\"", StringComparison.Ordinal));
        Assert.Contains((1, "name", "The header lacks the required column \"name\"."), errors);
    }

    [Fact]
    public async Task A_broken_quote_names_its_line_and_a_reporting_cycle_is_refused()
    {
        await using var app = await StartAsync();
        await ImportAsync(app, "units", Units);
        var before = await FingerprintAsync(app);

        var quote = await ImportAsync(app, "employees", "nip,name,position_type,position_name,unit_code\n197001011995031001,\"Yohanes,Jpt,Kepala,PAPUA-BKD\n");
        var cycle = await ImportAsync(app, "employees", """
            nip,name,position_type,position_name,unit_code,rater_nip
            197001011995031001,Yohanes Wenda,Jpt,Kepala Badan,PAPUA-BKD,198502022010012002
            198502022010012002,Maria Kogoya,Administrator,Kepala Bidang,PAPUA-BKD,197001011995031001
            """);

        Assert.Equal([(2, (string?)null, "Tanda kutip yang dibuka di baris ini tidak pernah ditutup.")], Errors(quote.Body));
        Assert.Equal([2, 3], Errors(cycle.Body).Select(e => e.Line));
        Assert.All(Errors(cycle.Body), e => Assert.Equal("rater_nip", e.Column));
        Assert.Equal(before, await FingerprintAsync(app));
    }

    [Fact]
    public async Task Skp_realisation_and_direction_default_from_aspek_and_unit_and_can_be_set()
    {
        await using var app = await StartAsync();
        await ImportAsync(app, "units", Units);
        await ImportAsync(app, "employees", Employees);
        const string Skp = """
            nip,year,rhk_no,rhk_kind,rhk_text,indicator_text,aspect,target,unit,realisation,direction
            199003032015031003,2026,1,utama,Berkas mutasi terverifikasi,Berkas diverifikasi,kuantitas,600,berkas,,
            199003032015031003,2026,1,utama,Berkas mutasi terverifikasi,Rata-rata waktu verifikasi berkas,waktu,2,hari,,
            199003032015031003,2026,1,utama,Berkas mutasi terverifikasi,Berkas lengkap,kualitas,95,%,,
            199003032015031003,2026,1,utama,Berkas mutasi terverifikasi,Anggaran verifikasi,biaya,50000000,rupiah,,
            199003032015031003,2026,1,utama,Berkas mutasi terverifikasi,Biaya per berkas,biaya,25000,rupiah,average,
            199003032015031003,2026,1,utama,Berkas mutasi terverifikasi,Penyerapan anggaran,biaya,95000000,rupiah,,HigherIsBetter
            """;

        var (status, body) = await ImportAsync(app, "skp", Skp);

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        await using var db = app.NewDb();
        var stored = await db.Indicators.Where(i => i.Rhk!.Skp!.Employee!.Nip == "199003032015031003").OrderBy(i => i.Order).Select(i => new { i.Text, i.Combination, i.Direction }).ToListAsync();
        Assert.Equal(
            [
                ("Berkas diverifikasi", ReportCombination.Sum, IndicatorDirection.HigherIsBetter),
                ("Rata-rata waktu verifikasi berkas", ReportCombination.Average, IndicatorDirection.LowerIsBetter),
                ("Berkas lengkap", ReportCombination.Latest, IndicatorDirection.HigherIsBetter),
                ("Anggaran verifikasi", ReportCombination.Sum, IndicatorDirection.LowerIsBetter),
                ("Biaya per berkas", ReportCombination.Average, IndicatorDirection.LowerIsBetter),
                ("Penyerapan anggaran", ReportCombination.Sum, IndicatorDirection.HigherIsBetter),
            ],
            stored.Select(i => (i.Text, i.Combination, i.Direction)).ToList());
    }

    [Fact]
    public async Task Skp_with_an_unknown_realisation_or_direction_is_refused_naming_the_choices()
    {
        await using var app = await StartAsync();
        await ImportAsync(app, "units", Units);
        await ImportAsync(app, "employees", Employees);
        var before = await FingerprintAsync(app);
        const string Skp = """
            nip,year,rhk_no,rhk_kind,rhk_text,indicator_text,aspect,target,unit,realisation,direction
            199003032015031003,2026,1,utama,Berkas mutasi terverifikasi,Berkas diverifikasi,kuantitas,600,berkas,total,
            199003032015031003,2026,1,utama,Berkas mutasi terverifikasi,Waktu verifikasi,waktu,2,hari,,turun
            """;

        var (status, body) = await ImportAsync(app, "skp", Skp);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = Errors(body);
        Assert.Contains((2, "realisation", "\"total\" tidak dikenal; pilihan: Sum, Latest, Average."), errors);
        Assert.Contains((3, "direction", "\"turun\" tidak dikenal; pilihan: HigherIsBetter, LowerIsBetter."), errors);
        Assert.Equal(before, await FingerprintAsync(app));
    }

    [Fact]
    public async Task An_skp_with_reported_progress_cannot_be_replaced_by_a_file()
    {
        await using var app = await StartAsync();
        var before = await FingerprintAsync(app);
        var csv = $"""
            nip,year,rhk_no,rhk_kind,rhk_text,indicator_text,aspect,target,unit
            {BotApp.Budi.Nip},2026,1,utama,Layanan baru,Indikator baru,kuantitas,10,dokumen
            {BotApp.Budi.Nip},2026,2,utama,Layanan lain,Target nol,kuantitas,0,dokumen
            """;

        var (status, body) = await ImportAsync(app, "skp", csv);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = Errors(body);
        Assert.Contains(errors, e => e is { Line: 2, Column: "nip" } && e.Message.Contains("sudah memiliki laporan progres", StringComparison.Ordinal));
        Assert.Contains((3, "target", "\"0\" harus angka lebih dari nol."), errors);
        Assert.Equal(before, await FingerprintAsync(app));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong-wrong-wrong-wrong-wrong-wrong-wrong", HttpStatusCode.Unauthorized)]
    public async Task Import_needs_the_admin_key(string? key, HttpStatusCode expected)
    {
        await using var app = await StartAsync();
        var before = await FingerprintAsync(app);

        var (status, _) = await ImportAsync(app, "units", Units, key: key);

        Assert.Equal(expected, status);
        Assert.Equal(before, await FingerprintAsync(app));
    }

    [PostgresFact]
    public async Task The_whole_import_works_on_postgres_and_a_refused_file_changes_nothing_there()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using var app = await StartAsync(database.Settings);

        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(app, "units", Units)).Status);
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(app, "employees", Employees)).Status);
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(app, "skp", Skp)).Status);
        var before = await FingerprintAsync(app);
        var refused = await ImportAsync(app, "skp", Skp.Replace(",600,", ",-600,", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal([4], Errors(refused.Body).Select(e => e.Line));
        Assert.Equal(before, await FingerprintAsync(app));
    }

    [Fact]
    public async Task Employees_AddressNameColumn_IsHowTheBotAddressesThem_OtherwiseDerivedFromTheName()
    {
        await using var app = await StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(app, "units", Units)).Status);

        var employees = await ImportAsync(app, "employees", """
            nip,name,position_type,position_name,unit_code,address_name
            197001011995031001,"I Made Suarta, S.Sos.",Jpt,Kepala Badan,PAPUA-BKD,Made
            198502022010012002,Ni Luh Putu Ayu,Administrator,Kepala Bidang Mutasi,PAPUA-BKD-MUTASI,
            """);

        Assert.Equal(HttpStatusCode.OK, employees.Status);
        await using var db = app.NewDb();
        var made = await db.Employees.SingleAsync(e => e.Nip == "197001011995031001");
        var ayu = await db.Employees.SingleAsync(e => e.Nip == "198502022010012002");
        Assert.Equal("Made", made.AddressName);
        Assert.Null(ayu.AddressName);
        var t = KinerjaBot.Localization.Texts.For(KinerjaBot.Localization.Texts.Indonesian);
        Assert.Equal("Bapak Made", KinerjaBot.Conversation.BotUser.AddressOf(made, t));
        Assert.Equal("Ibu Ayu", KinerjaBot.Conversation.BotUser.AddressOf(ayu, t));
    }
}
