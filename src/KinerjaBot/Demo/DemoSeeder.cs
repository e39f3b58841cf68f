using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Demo;

/// <summary>
/// A realistic demo organisation for local runs and the Agents Playground: Disdukcapil Kota Tangerang
/// Selatan (WIB), Dinas Pendidikan Kota Makassar (WITA) and a unit in Jayapura (WIT), with SKPs for the
/// current year and some progress waiting for review. The Playground's user acts as
/// <see cref="DemoUserNip"/>, a division head: an employee with their own SKP and a rater of three staff.
/// </summary>
public static class DemoSeeder
{
    public const string DemoUserNip = "198003152005011002";
    public const string DemoUserAadObjectId = "00000000-0000-0000-0000-152005011002";

    /// <summary>Demo employees' Entra ids are derived from their NIP so tests and the Playground can act as any of them.</summary>
    public static string AadObjectIdOf(string nip) => "00000000-0000-0000-0000-" + nip[6..];

    public static async Task SeedDemoDataIfConfiguredAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (!configuration.GetValue<bool>("Demo:Seed"))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        scope.ServiceProvider.GetRequiredService<AuditTrail>().SetActor(null, "demo-seed");
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await SeedAsync(db, IndonesianTimeZones.LocalDate(time.GetUtcNow(), IndonesianTimeZones.Resolve(IndonesianTimeZones.Wib)), ct);
    }

    /// <summary>Adds the demo organisation unless the database already has employees.</summary>
    public static async Task SeedAsync(KinerjaDbContext db, DateOnly today, CancellationToken ct = default)
    {
        if (await db.Employees.AnyAsync(ct))
        {
            return;
        }

        var year = today.Year;
        var disdukcapil = new OrgUnit { Code = "TANGSEL-DISDUKCAPIL", Name = "Dinas Kependudukan dan Pencatatan Sipil Kota Tangerang Selatan", TimeZone = IndonesianTimeZones.Wib, AllowPeerFeedback = true };
        var pelayanan = new OrgUnit { Code = "TANGSEL-DISDUKCAPIL-DAFDUK", Name = "Bidang Pelayanan Pendaftaran Penduduk", Parent = disdukcapil, TimeZone = IndonesianTimeZones.Wib, AllowPeerFeedback = true };
        var disdik = new OrgUnit { Code = "MKS-DISDIK", Name = "Dinas Pendidikan Kota Makassar", TimeZone = IndonesianTimeZones.Wita };
        var jayapura = new OrgUnit { Code = "JYP-DISDUKCAPIL", Name = "Dinas Kependudukan dan Pencatatan Sipil Kota Jayapura", TimeZone = IndonesianTimeZones.Wit };
        db.Units.AddRange(disdukcapil, pelayanan, disdik, jayapura);

        var kadis = Person("197204101998031005", "Drs. Hendra Gunawan, M.Si.", Salutation.Bapak, PositionType.Jpt, "Kepala Dinas Kependudukan dan Pencatatan Sipil", disdukcapil, null);
        var kabid = Person(DemoUserNip, "Rina Marlina, S.Sos., M.AP.", Salutation.Ibu, PositionType.Administrator, "Kepala Bidang Pelayanan Pendaftaran Penduduk", pelayanan, kadis);
        var budi = Person("199001012015031001", "Budi Santoso, S.Kom.", Salutation.Bapak, PositionType.Fungsional, "Pranata Komputer Ahli Pertama", pelayanan, kabid);
        budi.CreditCoefficient = 12.5m;
        var siti = Person("199205122019032002", "Siti Nurhaliza, A.Md.", Salutation.Ibu, PositionType.Pelaksana, "Pengadministrasi Kependudukan", pelayanan, kabid);
        var agus = Person("198811232014021003", "Agus Prasetyo, S.H.", Salutation.Bapak, PositionType.Pengawas, "Kepala Seksi Identitas Penduduk", pelayanan, kabid);
        var kadisdik = Person("197006151995121001", "Dr. Andi Mappaware, M.Pd.", Salutation.Bapak, PositionType.Jpt, "Kepala Dinas Pendidikan", disdik, null);
        var guru = Person("198507072010012004", "Nurul Hidayah, S.Pd.", Salutation.Ibu, PositionType.Fungsional, "Guru Ahli Muda", disdik, kadisdik);
        guru.CreditCoefficient = 25m;
        var jypHead = Person("197512302000031002", "Yohanes Wenda, S.STP.", Salutation.Bapak, PositionType.Jpt, "Kepala Dinas Kependudukan dan Pencatatan Sipil", jayapura, null);
        var jypStaff = Person("199309092020122001", "Maria Kogoya, S.E.", Salutation.Ibu, PositionType.Pelaksana, "Pengolah Data Kependudukan", jayapura, jypHead);
        guru.TimeZone = IndonesianTimeZones.Wita;
        kadisdik.TimeZone = IndonesianTimeZones.Wita;
        jypHead.TimeZone = IndonesianTimeZones.Wit;
        jypStaff.TimeZone = IndonesianTimeZones.Wit;
        db.Employees.AddRange(kadis, kabid, budi, siti, agus, kadisdik, guru, jypHead, jypStaff);
        await db.SaveChangesAsync(ct);
        disdukcapil.HeadEmployeeId = kadis.Id;
        pelayanan.HeadEmployeeId = kabid.Id;
        disdik.HeadEmployeeId = kadisdik.Id;
        jayapura.HeadEmployeeId = jypHead.Id;

        var kadisSkp = Skp(kadis, year, null,
            ("Meningkatnya kualitas pelayanan administrasi kependudukan", [("Indeks kepuasan masyarakat terhadap layanan adminduk", IndicatorAspect.Kualitas, 85m, "indeks")]));
        var kadisRhk = kadisSkp.Rhks[0];
        var kabidSkp = Skp(kabid, year, kadis,
            ("Terselenggaranya pelayanan pendaftaran penduduk yang cepat dan tepat waktu", [
                ("Persentase dokumen kependudukan terbit tepat waktu", IndicatorAspect.Waktu, 95m, "%"),
                ("Jumlah laporan evaluasi pelayanan yang disusun", IndicatorAspect.Kuantitas, 12m, "laporan"),
            ]),
            ("Tertanganinya pengaduan masyarakat bidang pendaftaran penduduk", [("Jumlah pengaduan yang ditindaklanjuti", IndicatorAspect.Kuantitas, 240m, "pengaduan")]));
        kabidSkp.Rhks[0].ParentRhk = kadisRhk;
        var budiSkp = Skp(budi, year, kabid,
            ("Tersedianya layanan aplikasi kependudukan yang andal", [
                ("Jumlah laporan pemeliharaan sistem informasi adminduk", IndicatorAspect.Kuantitas, 12m, "laporan"),
                ("Persentase waktu layanan daring tersedia", IndicatorAspect.Kualitas, 99m, "%"),
            ]));
        var sitiSkp = Skp(siti, year, kabid,
            ("Terlayaninya penerbitan dokumen kependudukan", [
                ("Jumlah KTP-el yang diterbitkan", IndicatorAspect.Kuantitas, 2400m, "dokumen"),
                ("Jumlah Kartu Keluarga yang diterbitkan", IndicatorAspect.Kuantitas, 1800m, "dokumen"),
            ]),
            ("Tertanganinya pengaduan layanan", [("Jumlah laporan pengaduan yang diselesaikan", IndicatorAspect.Kuantitas, 120m, "laporan pengaduan")]));
        var agusSkp = Skp(agus, year, kabid,
            ("Terkendalinya kualitas data identitas penduduk", [("Jumlah data ganda yang diverifikasi", IndicatorAspect.Kuantitas, 600m, "data")]),
            // A Waktu indicator, where the target is a ceiling and each month's report is that month's mean.
            ("Terlayaninya penerbitan dokumen identitas tepat waktu", [("Rata-rata waktu penerbitan KTP-el", IndicatorAspect.Waktu, 1m, "hari")]));
        var guruSkp = Skp(guru, year, kadisdik,
            ("Terlaksananya pembelajaran yang berkualitas", [
                ("Jumlah perangkat ajar yang disusun", IndicatorAspect.Kuantitas, 8m, "dokumen"),
                ("Jumlah laporan program sekolah", IndicatorAspect.Kuantitas, 4m, "laporan"),
            ]));
        var mariaSkp = Skp(jypStaff, year, jypHead,
            ("Termutakhirkannya data kependudukan", [("Jumlah data penduduk yang dimutakhirkan", IndicatorAspect.Kuantitas, 3000m, "data")]));
        db.Skps.AddRange(kadisSkp, kabidSkp, budiSkp, sitiSkp, agusSkp, guruSkp, mariaSkp);
        await db.SaveChangesAsync(ct);

        // Some history, and a few reports waiting for the demo user's review.
        var sitiKtp = sitiSkp.Rhks[0].Indicators[0];
        var sitiPengaduan = sitiSkp.Rhks[1].Indicators[0];
        var budiLaporan = budiSkp.Rhks[0].Indicators[0];
        var lastMonth = today.AddMonths(-1);
        db.ProgressEntries.AddRange(
            Entry(siti, sitiKtp, lastMonth, 180m, ProgressStatus.Approved, kabid, "Perekaman dan pencetakan KTP-el di loket utama"),
            Entry(budi, budiLaporan, lastMonth, 1m, ProgressStatus.Approved, kabid, "Laporan pemeliharaan server SIAK bulan lalu"),
            Entry(siti, sitiPengaduan, today, 3m, ProgressStatus.Submitted, null, "Pengaduan keterlambatan KK via WhatsApp, selesai ditindaklanjuti"),
            Entry(budi, budiLaporan, today, 1m, ProgressStatus.Submitted, null, "Pemeliharaan rutin aplikasi antrean daring", "https://drive.example.go.id/laporan/pemeliharaan"),
            Entry(agus, agusSkp.Rhks[0].Indicators[0], today.AddDays(-1), 25m, ProgressStatus.Submitted, null, "Verifikasi data ganda kecamatan Pamulang"));
        db.ProgressEntries.AddRange(EarlierQuarters(today, kabid, [(kabid, kabidSkp), (budi, budiSkp), (siti, sitiSkp), (agus, agusSkp)]));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Approved monthly reports for every indicator of the demo team in the quarters of this year that have
    /// already closed, so that the appraisal of the last quarter has real figures to show.
    /// </summary>
    private static IEnumerable<ProgressEntry> EarlierQuarters(DateOnly today, Employee kabid, (Employee Employee, Skp Skp)[] team)
    {
        var quarterStart = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        for (var month = new DateOnly(today.Year, 1, 1); month < quarterStart; month = month.AddMonths(1))
        {
            foreach (var (employee, skp) in team)
            {
                // Counts and means; a rate (%, indeks) has no sensible made-up monthly level.
                foreach (var indicator in skp.Rhks.SelectMany(r => r.Indicators).Where(i => i.Combination != ReportCombination.Latest))
                {
                    var value = indicator.Combination == ReportCombination.Average
                        ? indicator.Target * (0.8m + (month.Month % 3 * 0.2m))
                        : Math.Max(1m, Math.Round(indicator.Target / 12m * (0.9m + (month.Month % 3 * 0.1m)), 0));
                    var reviewer = employee == kabid ? kabid.Rater : kabid;
                    yield return Entry(employee, indicator, month.AddDays(24), value, ProgressStatus.Approved, reviewer, "Realisasi bulan " + month.ToString("MMMM", System.Globalization.CultureInfo.GetCultureInfo("id-ID")));
                }
            }
        }
    }

    private static Employee Person(string nip, string name, Salutation salutation, PositionType type, string position, OrgUnit unit, Employee? rater) => new()
    {
        Nip = nip, Name = name, Salutation = salutation, PositionType = type, PositionName = position, Unit = unit, Rater = rater,
        TimeZone = unit.TimeZone, Email = $"{nip}@demo.kinerjabot.local", AadObjectId = AadObjectIdOf(nip),
    };

    private static Skp Skp(Employee employee, int year, Employee? rater, params (string Rhk, (string Text, IndicatorAspect Aspect, decimal Target, string Unit)[] Indicators)[] rhks)
    {
        var skp = new Skp { Employee = employee, Year = year, Status = SkpStatus.Approved, RaterId = rater?.Id };
        var order = 1;
        foreach (var (text, indicators) in rhks)
        {
            var rhk = new Rhk { Kind = RhkKind.Utama, Text = text, Order = order++ };
            var i = 1;
            foreach (var (indicatorText, aspect, target, unit) in indicators)
            {
                var measure = Realisation.Default(aspect, unit);
                rhk.Indicators.Add(new Indicator
                {
                    Text = indicatorText, Aspect = aspect, Target = target, Unit = unit, Combination = measure.Combination, Direction = measure.Direction, Order = i++,
                });
            }

            skp.Rhks.Add(rhk);
        }

        return skp;
    }

    private static ProgressEntry Entry(Employee employee, Indicator indicator, DateOnly date, decimal value, ProgressStatus status, Employee? reviewer, string note, string? evidence = null) => new()
    {
        Employee = employee, Indicator = indicator, Date = date, Value = value, Note = note, Evidence = evidence, Status = status,
        SubmittedAt = new DateTimeOffset(date.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero),
        ReviewedById = reviewer?.Id, ReviewedAt = reviewer is null ? null : new DateTimeOffset(date.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero),
    };
}
