using System.Net;
using System.Net.Http.Headers;
using System.Text;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Features.Reports;
using KinerjaBot.Infrastructure.Csv;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Reports;

/// <summary>The BKPSDM downloads progress, feedback, appraisals and the per-unit summary as CSV from /admin/export.</summary>
public sealed class ExportScenarios
{
    private const string Key = "export-admin-key-0123456789-0123456789";

    private static Task<BotApp> StartAsync() => BotApp.StartAsync(new() { ["Admin:ApiKey"] = Key });

    private static async Task<(HttpStatusCode Status, byte[] Body, HttpResponseMessage Response)> GetAsync(BotApp app, string path, string? key = Key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var response = await app.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response);
    }

    private static async Task<CsvDocument> ExportAsync(BotApp app, string kind, string query = "year=2026", ExportFormat format = ExportFormat.Indonesian)
    {
        var (status, body, response) = await GetAsync(app, $"/admin/export/{kind}?{query}");
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var file = format == ExportFormat.EKinerja ? "ekinerja" : kind;
            Assert.Equal($"kinerjabot-{file}-2026.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        }

        var document = CsvReader.Parse(Encoding.UTF8.GetString(body));
        // The reader lowercases headers (imports match them case-insensitively), so the written line is checked too.
        var header = ReportExports.Header(Enum.Parse<ExportKind>(kind, ignoreCase: true), format);
        Assert.Equal(string.Join(',', header), Encoding.UTF8.GetString(body).Split("\r\n")[0]);
        Assert.Equal(header.Select(h => h.ToLowerInvariant()), document.Header);
        return document;
    }

    private static Dictionary<string, string> Row(CsvDocument document, CsvRecord record) =>
        document.Header.Select((h, i) => (h, record.Fields[i])).ToDictionary(p => p.h, p => p.Item2, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public async Task Progress_IsOneLinePerEmployeeIndicatorAndMonth_WithApprovedAndPendingRealisation()
    {
        await using var app = await StartAsync();

        var document = await ExportAsync(app, "progress");

        var rows = document.Records.Select(r => Row(document, r)).ToList();
        await using var db = app.NewDb();
        var entries = await db.ProgressEntries.AsNoTracking()
            .Where(p => p.Date.Year == 2026 && (p.Status == ProgressStatus.Approved || p.Status == ProgressStatus.Submitted))
            .Select(p => new { p.Employee!.Nip, p.IndicatorId, IndicatorText = p.Indicator!.Text, p.Date, p.Value, p.Status }).ToListAsync();
        Assert.Equal(entries.Select(e => (e.Nip, e.IndicatorId, e.Date.Month)).Distinct().Count(), rows.Count);
        var ktpOctober = entries.Where(e => e.Nip == BotApp.Siti.Nip && e.IndicatorText == "Jumlah KTP-el yang diterbitkan" && e.Date.Month == 10).ToList();
        var sitiOctober = Assert.Single(rows, r => r["NIP"] == BotApp.Siti.Nip && r["Bulan"] == "10" && r["Indikator Kinerja Individu"] == "Jumlah KTP-el yang diterbitkan");
        Assert.Equal("Jumlah KTP-el yang diterbitkan", sitiOctober["Indikator Kinerja Individu"]);
        Assert.Equal("TANGSEL-DISDUKCAPIL-DAFDUK", sitiOctober["Kode Unit"]);
        Assert.Equal("2400", sitiOctober["Target"]);
        // A count indicator: the month's approved reports add up.
        Assert.Equal(CsvWriter.Number(ktpOctober.Where(e => e.Status == ProgressStatus.Approved).Sum(e => e.Value)), sitiOctober["Realisasi Disetujui"]);
        Assert.Equal(CsvWriter.Number(ktpOctober.Count), sitiOctober["Jumlah Laporan"]);
        Assert.Equal("0", sitiOctober["Realisasi Menunggu Persetujuan"]);
        Assert.Equal("Kuantitas", sitiOctober["Aspek"]);
        // Seeded today (23 November) and waiting for review.
        var budiNovember = Assert.Single(rows, r => r["NIP"] == BotApp.Budi.Nip && r["Bulan"] == "11" && r["Indikator Kinerja Individu"] == "Jumlah laporan pemeliharaan sistem informasi adminduk");
        Assert.Equal("1", budiNovember["Realisasi Menunggu Persetujuan"]);

        var (unauthorised, _, r1) = await GetAsync(app, "/admin/export/progress", key: null);
        r1.Dispose();
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised);
        var (unknown, _, r2) = await GetAsync(app, "/admin/export/salaries");
        r2.Dispose();
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        var (badYear, _, r3) = await GetAsync(app, "/admin/export/progress?year=1999");
        r3.Dispose();
        Assert.Equal(HttpStatusCode.BadRequest, badYear);
        var (badDelimiter, _, r4) = await GetAsync(app, "/admin/export/progress?delimiter=pipe");
        r4.Dispose();
        Assert.Equal(HttpStatusCode.BadRequest, badDelimiter);
        foreach (var query in new[] { "lang=jv", "profile=siasn", "profile=ekinerja" })
        {
            var (refused, _, response) = await GetAsync(app, "/admin/export/progress?" + query);
            response.Dispose();
            Assert.Equal(HttpStatusCode.BadRequest, refused);
        }
        var (otherYear, body, r5) = await GetAsync(app, "/admin/export/progress?year=2025");
        r5.Dispose();
        Assert.Equal(HttpStatusCode.OK, otherYear);
        Assert.Empty(CsvReader.Parse(Encoding.UTF8.GetString(body)).Records);
    }

    [Fact]
    public async Task ForExcel_TheFileStartsWithABom_AndCanUseSemicolons()
    {
        await using var app = await StartAsync();

        var (status, body, response) = await GetAsync(app, "/admin/export/units?year=2026&bom=true&delimiter=semicolon");
        response.Dispose();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([0xEF, 0xBB, 0xBF], body.Take(3).ToArray());
        var document = CsvReader.Parse(Encoding.UTF8.GetString(body));
        Assert.Equal(';', document.Delimiter);
        Assert.Equal(ReportExports.Header(ExportKind.Units, ExportFormat.Indonesian).Select(h => h.ToLowerInvariant()), document.Header);
        var (_, plain, plainResponse) = await GetAsync(app, "/admin/export/units?year=2026");
        plainResponse.Dispose();
        Assert.NotEqual(0xEF, plain[0]);
    }

    [Fact]
    public async Task Feedback_KeepsTextWithCommasQuotesAndLineBreaks_AndDefusesFormulas()
    {
        await using var app = await StartAsync();
        const string Text = "Bagus, \"rapi\" dan tepat waktu.\nPertahankan.";
        await using (var db = app.NewDb())
        {
            var rina = await db.Employees.SingleAsync(e => e.Nip == BotApp.Rina.Nip);
            var siti = await db.Employees.SingleAsync(e => e.Nip == BotApp.Siti.Nip);
            db.FeedbackNotes.Add(new FeedbackNote { FromId = rina.Id, ToId = siti.Id, Text = Text, Behaviour = BerAkhlakValue.BerorientasiPelayanan, CreatedAt = BotApp.DefaultNow });
            db.FeedbackNotes.Add(new FeedbackNote { FromId = siti.Id, ToId = rina.Id, Text = "=HYPERLINK(\"http://evil\")", CreatedAt = BotApp.DefaultNow.AddMinutes(1) });
            db.FeedbackNotes.Add(new FeedbackNote { FromId = siti.Id, ToId = rina.Id, Text = "last year", CreatedAt = new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero) });
            await db.SaveChangesAsync();
        }

        var document = await ExportAsync(app, "feedback");

        Assert.Equal(2, document.Records.Count);
        var first = Row(document, document.Records[0]);
        Assert.Equal(Text, first["Umpan Balik"]);
        Assert.Equal("2026-11-23", first["Tanggal"]);
        Assert.Equal(BotApp.Rina.Nip, first["NIP Pemberi"]);
        Assert.Equal(BotApp.Siti.Nip, first["NIP Penerima"]);
        Assert.Equal("Berorientasi Pelayanan", first["Perilaku Kerja"]);
        Assert.Equal("'=HYPERLINK(\"http://evil\")", Row(document, document.Records[1])["Umpan Balik"]);
    }

    [Fact]
    public async Task Appraisals_ExportTheLatestRevision_AndUnitsSummariseEachUnit()
    {
        await using var app = await StartAsync();
        await using (var db = app.NewDb())
        {
            var rina = await db.Employees.SingleAsync(e => e.Nip == BotApp.Rina.Nip);
            var siti = await db.Employees.SingleAsync(e => e.Nip == BotApp.Siti.Nip);
            db.Appraisals.AddRange(
                new Appraisal { EmployeeId = siti.Id, RaterId = rina.Id, PeriodCode = "2026", Revision = 1, Status = AppraisalStatus.Objected, Predikat = Predikat.ButuhPerbaikan },
                new Appraisal
                {
                    EmployeeId = siti.Id, RaterId = rina.Id, PeriodCode = "2026", Revision = 2, Status = AppraisalStatus.Finalized,
                    WorkResultRating = Rating.AboveExpectation, BehaviourRating = Rating.AboveExpectation, Predikat = Predikat.SangatBaik,
                    FinalizedAt = BotApp.DefaultNow,
                },
                new Appraisal { EmployeeId = siti.Id, RaterId = rina.Id, PeriodCode = "2026-Q3", Status = AppraisalStatus.Rated, Predikat = Predikat.Baik },
                new Appraisal { EmployeeId = siti.Id, RaterId = rina.Id, PeriodCode = "2025", Status = AppraisalStatus.Finalized, Predikat = Predikat.Baik });
            await db.SaveChangesAsync();
        }

        var appraisals = await ExportAsync(app, "appraisals");
        var rows = appraisals.Records.Select(r => Row(appraisals, r)).ToList();
        Assert.Equal(2, rows.Count);
        var annual = Assert.Single(rows, r => r["Periode"] == "2026");
        Assert.Equal("2", annual["Revisi"]);
        Assert.Equal("Sangat Baik", annual["Predikat Kinerja"]);
        Assert.Equal("Di Atas Ekspektasi", annual["Rating Hasil Kerja"]);
        Assert.Equal("Final, menunggu tanggapan pegawai", annual["Status"]);
        Assert.Equal("Tahunan", annual["Jenis Periode"]);
        Assert.Equal(BotApp.Rina.Nip, annual["NIP Pejabat Penilai"]);
        Assert.Equal("2026-11-23T03:00:00Z", annual["Ditetapkan Pada"]);
        Assert.Equal("Triwulan", Assert.Single(rows, r => r["Periode"] == "2026-Q3")["Jenis Periode"]);

        // For scripts: English headers and the stable codes the imports use.
        var codes = await ExportAsync(app, "appraisals", "year=2026&lang=en", ExportFormat.Codes);
        var annualCodes = Assert.Single(codes.Records.Select(r => Row(codes, r)), r => r["period"] == "2026");
        Assert.Equal(("SangatBaik", "AboveExpectation", "Finalized", "Year"), (annualCodes["predikat"], annualCodes["work_result_rating"], annualCodes["status"], annualCodes["period_kind"]));

        var units = await ExportAsync(app, "units");
        var byCode = units.Records.Select(r => Row(units, r)).ToDictionary(r => r["Kode Unit"]);
        Assert.Equal(4, byCode.Count);
        var dafduk = byCode["TANGSEL-DISDUKCAPIL-DAFDUK"];
        Assert.Equal("TANGSEL-DISDUKCAPIL", dafduk["Kode Unit Induk"]);
        Assert.Equal(BotApp.Rina.Nip, dafduk["NIP Kepala Unit"]);
        Assert.Equal("4", dafduk["Jumlah Pegawai"]);
        Assert.Equal("4", dafduk["Memiliki SKP"]);
        await using var check = app.NewDb();
        var entries = await check.ProgressEntries.AsNoTracking()
            .Where(p => p.Date.Year == 2026 && p.Employee!.Unit!.Code == "TANGSEL-DISDUKCAPIL-DAFDUK")
            .Select(p => new { p.EmployeeId, p.Status }).ToListAsync();
        Assert.Equal(CsvWriter.Number(entries.Where(e => e.Status is ProgressStatus.Approved or ProgressStatus.Submitted).Select(e => e.EmployeeId).Distinct().Count()), dafduk["Melaporkan Progres"]);
        Assert.Equal(CsvWriter.Number(entries.Count(e => e.Status == ProgressStatus.Approved)), dafduk["Laporan Disetujui"]);
        Assert.Equal("3", dafduk["Laporan Menunggu Persetujuan"]);
        Assert.Equal("1", dafduk["Penilaian Tahunan Final"]);
        Assert.Equal("1", dafduk["Sangat Baik"]);
        Assert.Equal("0", dafduk["Butuh Perbaikan"]);
        Assert.Equal("1", byCode["MKS-DISDIK"]["Memiliki SKP"]);
    }

    [Fact]
    public async Task EKinerjaProfile_IsTheEvaluationForm_OneLinePerIndicatorWithThePeriodsApprovedRealisation()
    {
        await using var app = await StartAsync();
        await using (var db = app.NewDb())
        {
            var rina = await db.Employees.SingleAsync(e => e.Nip == BotApp.Rina.Nip);
            var siti = await db.Employees.SingleAsync(e => e.Nip == BotApp.Siti.Nip);
            db.Appraisals.Add(new Appraisal
            {
                EmployeeId = siti.Id, RaterId = rina.Id, PeriodCode = "2026-Q3", Status = AppraisalStatus.Acknowledged,
                WorkResultRating = Rating.MeetsExpectation, BehaviourRating = Rating.AboveExpectation, Predikat = Predikat.Baik,
            });
            await db.SaveChangesAsync();
        }

        var document = await ExportAsync(app, "appraisals", "year=2026&profile=ekinerja", ExportFormat.EKinerja);

        await using var check = app.NewDb();
        var indicators = await check.Indicators.AsNoTracking().Where(i => i.Rhk!.Skp!.Year == 2026 && i.Rhk.Skp.Employee!.Nip == BotApp.Siti.Nip)
            .Select(i => new { i.Id, i.Text, i.Unit }).ToListAsync();
        var rows = document.Records.Select(r => Row(document, r)).ToList();
        Assert.Equal(indicators.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal((BotApp.Siti.Nip, "2026-Q3", "Triwulan", "Sesuai Ekspektasi", "Di Atas Ekspektasi", "Baik", "Final, diterima pegawai"),
            (r["NIP"], r["Periode"], r["Jenis Periode"], r["Rating Hasil Kerja"], r["Rating Perilaku Kerja"], r["Predikat Kinerja"], r["Status"])));
        var ktp = indicators.Single(i => i.Text == "Jumlah KTP-el yang diterbitkan");
        var approvedInQ3 = await check.ProgressEntries.AsNoTracking()
            .Where(p => p.IndicatorId == ktp.Id && p.Status == ProgressStatus.Approved && p.Date >= new DateOnly(2026, 7, 1) && p.Date <= new DateOnly(2026, 9, 30))
            .Select(p => p.Value).ToListAsync();
        Assert.NotEmpty(approvedInQ3);
        Assert.Equal(CsvWriter.Number(approvedInQ3.Sum()), Assert.Single(rows, r => r["Indikator Kinerja Individu"] == ktp.Text)["Realisasi"]);
    }
}
