using KinerjaBot.Data;
using KinerjaBot.Domain;
using KinerjaBot.Infrastructure.Csv;
using KinerjaBot.Localization;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Reports;

public enum ExportKind
{
    Progress,
    Feedback,
    Appraisals,
    Units,
}

/// <summary>
/// How an export reads. <see cref="Indonesian"/> (the default) has Indonesian headers and the labels people see on the
/// cards ("Sangat Baik", "Di Atas Ekspektasi"); <see cref="Codes"/> has the English headers and the stable English
/// identifiers the imports use, for scripts; <see cref="EKinerja"/> is the appraisals laid out as the SKP evaluation
/// form of PermenPANRB 6/2022 (README "Reports and exports" says what is and is not known of e-Kinerja's import).
/// </summary>
public enum ExportFormat
{
    Indonesian,
    Codes,
    EKinerja,
}

/// <summary>
/// The CSV files the BKPSDM keys into e-Kinerja (columns in README "Reports and exports"). Rows are read
/// from the database as a stream and written one by one, so a province-sized export never sits in memory.
/// </summary>
public sealed class ReportExports(KinerjaDbContext db)
{
    private static readonly Dictionary<ExportKind, (string Code, string Indonesian)[]> Headers = new()
    {
        [ExportKind.Progress] =
        [
            ("nip", "NIP"), ("name", "Nama"), ("unit_code", "Kode Unit"), ("year", "Tahun"), ("month", "Bulan"), ("rhk_kind", "Jenis RHK"),
            ("rhk_no", "No. RHK"), ("rhk_text", "Rencana Hasil Kerja"), ("indicator_text", "Indikator Kinerja Individu"), ("aspect", "Aspek"),
            ("target", "Target"), ("unit", "Satuan"), ("realisation_approved", "Realisasi Disetujui"), ("realisation_pending", "Realisasi Menunggu Persetujuan"),
            ("entries", "Jumlah Laporan"),
        ],
        [ExportKind.Feedback] =
        [
            ("date", "Tanggal"), ("from_nip", "NIP Pemberi"), ("from_name", "Nama Pemberi"), ("to_nip", "NIP Penerima"), ("to_name", "Nama Penerima"),
            ("to_unit_code", "Kode Unit Penerima"), ("rhk_text", "Rencana Hasil Kerja"), ("behaviour", "Perilaku Kerja"), ("request_id", "No. Permintaan"),
            ("feedback", "Umpan Balik"),
        ],
        [ExportKind.Appraisals] =
        [
            ("nip", "NIP"), ("name", "Nama"), ("unit_code", "Kode Unit"), ("period", "Periode"), ("period_kind", "Jenis Periode"),
            ("rater_nip", "NIP Pejabat Penilai"), ("rater_name", "Nama Pejabat Penilai"), ("status", "Status"),
            ("work_result_rating", "Rating Hasil Kerja"), ("behaviour_rating", "Rating Perilaku Kerja"), ("predikat", "Predikat Kinerja"),
            ("revision", "Revisi"), ("finalized_at", "Ditetapkan Pada"), ("acknowledged_at", "Diterima Pegawai Pada"),
        ],
        [ExportKind.Units] =
        [
            ("unit_code", "Kode Unit"), ("unit_name", "Nama Unit"), ("parent_code", "Kode Unit Induk"), ("head_nip", "NIP Kepala Unit"),
            ("employees", "Jumlah Pegawai"), ("with_skp", "Memiliki SKP"), ("reporting", "Melaporkan Progres"), ("entries_approved", "Laporan Disetujui"),
            ("entries_pending", "Laporan Menunggu Persetujuan"), ("feedback_notes", "Umpan Balik Diterima"), ("annual_final", "Penilaian Tahunan Final"),
            ("sangat_baik", "Sangat Baik"), ("baik", "Baik"), ("butuh_perbaikan", "Butuh Perbaikan"), ("kurang_misconduct", "Kurang/Misconduct"),
            ("sangat_kurang", "Sangat Kurang"),
        ],
    };

    /// <summary>The SKP evaluation form's columns (PermenPANRB 6/2022, lampiran): one line per employee, period and indicator.</summary>
    private static readonly string[] EKinerjaHeader =
    [
        "NIP", "Nama", "Periode", "Jenis Periode", "Jenis RHK", "Rencana Hasil Kerja", "Aspek", "Indikator Kinerja Individu", "Target", "Satuan",
        "Realisasi", "Rating Hasil Kerja", "Rating Perilaku Kerja", "Predikat Kinerja", "NIP Pejabat Penilai", "Status",
    ];

    public static IReadOnlyList<string> Header(ExportKind kind, ExportFormat format) => format switch
    {
        ExportFormat.EKinerja => EKinerjaHeader,
        ExportFormat.Codes => Headers[kind].Select(h => h.Code).ToArray(),
        _ => Headers[kind].Select(h => h.Indonesian).ToArray(),
    };

    public async Task WriteAsync(ExportKind kind, int year, ExportFormat format, CsvWriter csv, CancellationToken ct)
    {
        await csv.WriteRecordAsync(Header(kind, format), ct);
        var labels = new Labels(format == ExportFormat.Codes);
        var task = (kind, format) switch
        {
            (ExportKind.Appraisals, ExportFormat.EKinerja) => EKinerjaAsync(year, labels, csv, ct),
            (ExportKind.Progress, _) => ProgressAsync(year, csv, ct),
            (ExportKind.Feedback, _) => FeedbackAsync(year, labels, csv, ct),
            (ExportKind.Appraisals, _) => AppraisalsAsync(year, labels, csv, ct),
            _ => UnitsAsync(year, csv, ct),
        };
        await task;
    }

    /// <summary>Values as people read them on the cards, or the stable codes.</summary>
    private sealed class Labels(bool codes)
    {
        private static readonly Texts Id = Texts.For(Texts.Indonesian);

        public string? Status(AppraisalStatus status) => codes ? status.ToString() : Id["Appraisal.Status." + status];

        public string? Rating(Rating? rating) => rating is not { } r ? null : codes ? r.ToString() : Id["Appraisal.Rating." + r];

        public string? Predikat(Predikat? predikat) => predikat is not { } p ? null : codes ? p.ToString() : Id["Appraisal.Predikat." + p];

        public string? Behaviour(BerAkhlakValue? value) => value is not { } v ? null : codes ? v.ToString() : BerAkhlak.IndonesianName(v);

        public string PeriodKind(PeriodKind kind) => codes ? kind.ToString() : Id["Reports.Export.PeriodKind." + kind];
    }

    private sealed record Person(string Nip, string Name, string UnitCode);

    private async Task<Dictionary<int, Person>> PeopleAsync(CancellationToken ct) =>
        await db.Employees.AsNoTracking().Select(e => new { e.Id, e.Nip, e.Name, UnitCode = e.Unit!.Code })
            .ToDictionaryAsync(e => e.Id, e => new Person(e.Nip, e.Name, e.UnitCode), ct);

    /// <summary>Realisation per employee, indicator and month: what e-Kinerja asks for each month.</summary>
    private async Task ProgressAsync(int year, CsvWriter csv, CancellationToken ct)
    {
        var people = await PeopleAsync(ct);
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.Rhk!.Skp!.Year == year)
            .Select(i => new { i.Id, i.Text, i.Aspect, i.Target, i.Unit, i.Combination, RhkKind = i.Rhk!.Kind, RhkOrder = i.Rhk.Order, RhkText = i.Rhk.Text })
            .ToDictionaryAsync(i => i.Id, ct);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var entries = db.ProgressEntries.AsNoTracking()
            .Where(p => p.Date >= from && p.Date <= to && (p.Status == ProgressStatus.Approved || p.Status == ProgressStatus.Submitted))
            .OrderBy(p => p.EmployeeId).ThenBy(p => p.IndicatorId).ThenBy(p => p.Date).ThenBy(p => p.Id)
            .Select(p => new { p.EmployeeId, p.IndicatorId, p.Date, p.Value, p.Status })
            .AsAsyncEnumerable();

        (int Employee, int Indicator, int Month)? key = null;
        // The month's reports, in date order: its realisation is Realisation.Of them, as everywhere else.
        var approved = new List<(DateOnly, decimal)>();
        var pending = new List<(DateOnly, decimal)>();
        async Task FlushAsync()
        {
            if (key is not { } k || !indicators.TryGetValue(k.Indicator, out var i) || !people.TryGetValue(k.Employee, out var p))
            {
                return;
            }

            await csv.WriteRecordAsync(
            [
                p.Nip, p.Name, p.UnitCode, CsvWriter.Number(year), CsvWriter.Number(k.Month), i.RhkKind.ToString(), CsvWriter.Number(i.RhkOrder),
                i.RhkText, i.Text, i.Aspect.ToString(), CsvWriter.Number(i.Target), i.Unit,
                CsvWriter.Number(Realisation.Of(i.Combination, approved)), CsvWriter.Number(Realisation.Of(i.Combination, pending)),
                CsvWriter.Number(approved.Count + pending.Count),
            ], ct);
        }

        await foreach (var e in entries.WithCancellation(ct))
        {
            var current = (e.EmployeeId, e.IndicatorId, e.Date.Month);
            if (key != current)
            {
                await FlushAsync();
                key = current;
                approved.Clear();
                pending.Clear();
            }

            (e.Status == ProgressStatus.Approved ? approved : pending).Add((e.Date, e.Value));
        }

        await FlushAsync();
    }

    /// <summary>Every feedback note given in the year (answers to requests and unsolicited feedback).</summary>
    private async Task FeedbackAsync(int year, Labels labels, CsvWriter csv, CancellationToken ct)
    {
        var people = await PeopleAsync(ct);
        var (from, to) = YearBounds(year);
        var rhks = await db.Rhks.AsNoTracking().Where(r => r.Skp!.Year == year).ToDictionaryAsync(r => r.Id, r => r.Text, ct);
        var notes = db.FeedbackNotes.AsNoTracking().Where(n => n.CreatedAt >= from && n.CreatedAt < to)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).AsAsyncEnumerable();
        await foreach (var n in notes.WithCancellation(ct))
        {
            var giver = people.GetValueOrDefault(n.FromId);
            var receiver = people.GetValueOrDefault(n.ToId);
            await csv.WriteRecordAsync(
            [
                CsvWriter.Date(IndonesianTimeZones.LocalDate(n.CreatedAt, Wib)), giver?.Nip, giver?.Name, receiver?.Nip, receiver?.Name, receiver?.UnitCode,
                n.RhkId is { } r ? rhks.GetValueOrDefault(r) : null, labels.Behaviour(n.Behaviour),
                n.RequestId is { } q ? CsvWriter.Number(q) : null, n.Text,
            ], ct);
        }
    }

    /// <summary>The latest revision of every appraisal of the year (triwulan and annual).</summary>
    private async Task AppraisalsAsync(int year, Labels labels, CsvWriter csv, CancellationToken ct)
    {
        var people = await PeopleAsync(ct);
        var yearCode = PerformancePeriod.ForYear(year).Code;
        var prefix = yearCode + "-";
        var rows = db.Appraisals.AsNoTracking().Where(a => a.PeriodCode == yearCode || a.PeriodCode.StartsWith(prefix))
            .OrderBy(a => a.EmployeeId).ThenBy(a => a.PeriodCode).ThenByDescending(a => a.Revision).AsAsyncEnumerable();
        (int, string)? last = null;
        await foreach (var a in rows.WithCancellation(ct))
        {
            if (last == (a.EmployeeId, a.PeriodCode))
            {
                continue;
            }

            last = (a.EmployeeId, a.PeriodCode);
            var employee = people.GetValueOrDefault(a.EmployeeId);
            var rater = people.GetValueOrDefault(a.RaterId);
            var kind = PerformancePeriod.TryParse(a.PeriodCode, out var period) ? labels.PeriodKind(period.Kind) : "";
            await csv.WriteRecordAsync(
            [
                employee?.Nip, employee?.Name, employee?.UnitCode, a.PeriodCode, kind, rater?.Nip, rater?.Name, labels.Status(a.Status),
                labels.Rating(a.WorkResultRating), labels.Rating(a.BehaviourRating), labels.Predikat(a.Predikat), CsvWriter.Number(a.Revision),
                CsvWriter.Timestamp(a.FinalizedAt), CsvWriter.Timestamp(a.AcknowledgedAt),
            ], ct);
        }
    }

    /// <summary>
    /// The latest revision of every appraisal of the year, one line per indicator of the employee's SKP, with the
    /// indicator's approved realisation within the appraisal's period (a triwulan, or the whole year).
    /// </summary>
    private async Task EKinerjaAsync(int year, Labels labels, CsvWriter csv, CancellationToken ct)
    {
        var people = await PeopleAsync(ct);
        var indicators = (await db.Indicators.AsNoTracking().Where(i => i.Rhk!.Skp!.Year == year)
                .OrderBy(i => i.Rhk!.Kind).ThenBy(i => i.Rhk!.Order).ThenBy(i => i.Id)
                .Select(i => new { i.Id, EmployeeId = i.Rhk!.Skp!.EmployeeId, i.Text, i.Aspect, i.Target, i.Unit, i.Combination, RhkKind = i.Rhk.Kind, RhkText = i.Rhk.Text })
                .ToListAsync(ct))
            .ToLookup(i => i.EmployeeId);
        var combinations = indicators.SelectMany(g => g).ToDictionary(i => i.Id, i => i.Combination);

        // Reduced while streaming: one running figure per indicator and triwulan, never every report at once.
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var quarters = new Dictionary<(int Indicator, int Quarter), Running>();
        var entries = db.ProgressEntries.AsNoTracking()
            .Where(p => p.Date >= from && p.Date <= to && p.Status == ProgressStatus.Approved)
            .OrderBy(p => p.IndicatorId).ThenBy(p => p.Date).ThenBy(p => p.Id)
            .Select(p => new { p.IndicatorId, p.Date, p.Value }).AsAsyncEnumerable();
        await foreach (var e in entries.WithCancellation(ct))
        {
            var key = (e.IndicatorId, (e.Date.Month + 2) / 3);
            quarters[key] = quarters.GetValueOrDefault(key).Add(e.Date, e.Value);
        }

        string? RealisationIn(PerformancePeriod period, int indicatorId)
        {
            var range = period.Kind == PeriodKind.Quarter ? new[] { period.Number } : [1, 2, 3, 4];
            var figures = range.Where(q => quarters.ContainsKey((indicatorId, q))).Select(q => quarters[(indicatorId, q)]).ToList();
            return figures.Count == 0 ? null : CsvWriter.Number(Running.Merge(figures).Value(combinations.GetValueOrDefault(indicatorId)));
        }

        var yearCode = PerformancePeriod.ForYear(year).Code;
        var prefix = yearCode + "-";
        var rows = db.Appraisals.AsNoTracking().Where(a => a.PeriodCode == yearCode || a.PeriodCode.StartsWith(prefix))
            .OrderBy(a => a.EmployeeId).ThenBy(a => a.PeriodCode).ThenByDescending(a => a.Revision).AsAsyncEnumerable();
        (int, string)? last = null;
        await foreach (var a in rows.WithCancellation(ct))
        {
            if (last == (a.EmployeeId, a.PeriodCode) || !PerformancePeriod.TryParse(a.PeriodCode, out var period))
            {
                continue;
            }

            last = (a.EmployeeId, a.PeriodCode);
            var employee = people.GetValueOrDefault(a.EmployeeId);
            var rater = people.GetValueOrDefault(a.RaterId);
            foreach (var i in indicators[a.EmployeeId])
            {
                await csv.WriteRecordAsync(
                [
                    employee?.Nip, employee?.Name, a.PeriodCode, labels.PeriodKind(period.Kind), i.RhkKind.ToString(), i.RhkText, i.Aspect.ToString(),
                    i.Text, CsvWriter.Number(i.Target), i.Unit, RealisationIn(period, i.Id),
                    labels.Rating(a.WorkResultRating), labels.Rating(a.BehaviourRating), labels.Predikat(a.Predikat), rater?.Nip, labels.Status(a.Status),
                ], ct);
            }
        }
    }

    /// <summary>One line per unit (its own staff, sub-units have their own lines) for the year, predikat from the annual appraisal.</summary>
    private async Task UnitsAsync(int year, CsvWriter csv, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Code).ToListAsync(ct);
        var codes = units.ToDictionary(u => u.Id, u => u.Code);
        var heads = await db.Employees.AsNoTracking().Select(e => new { e.Id, e.Nip }).ToDictionaryAsync(e => e.Id, e => e.Nip, ct);
        var staff = await db.Employees.AsNoTracking().Where(e => e.IsActive).Select(e => new { e.Id, e.UnitId }).ToListAsync(ct);
        var unitOf = staff.ToDictionary(e => e.Id, e => e.UnitId);
        var withSkp = (await db.Skps.AsNoTracking().Where(s => s.Year == year).Select(s => s.EmployeeId).Distinct().ToListAsync(ct)).ToHashSet();
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var entries = await db.ProgressEntries.AsNoTracking()
            .Where(p => p.Date >= from && p.Date <= to && (p.Status == ProgressStatus.Approved || p.Status == ProgressStatus.Submitted))
            .GroupBy(p => new { p.EmployeeId, p.Status }).Select(g => new { g.Key.EmployeeId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var (start, end) = YearBounds(year);
        var notes = await db.FeedbackNotes.AsNoTracking().Where(n => n.CreatedAt >= start && n.CreatedAt < end)
            .GroupBy(n => n.ToId).Select(g => new { EmployeeId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var yearCode = PerformancePeriod.ForYear(year).Code;
        var annual = (await db.Appraisals.AsNoTracking().Where(a => a.PeriodCode == yearCode)
                .Select(a => new { a.EmployeeId, a.Revision, a.Status, a.Predikat }).ToListAsync(ct))
            .GroupBy(a => a.EmployeeId).Select(g => g.OrderByDescending(a => a.Revision).First()).ToList();

        foreach (var unit in units)
        {
            bool In(int employeeId) => unitOf.TryGetValue(employeeId, out var u) && u == unit.Id;
            var members = staff.Where(e => e.UnitId == unit.Id).Select(e => e.Id).ToList();
            var final = annual.Where(a => In(a.EmployeeId) && a.Status is AppraisalStatus.Finalized or AppraisalStatus.Acknowledged or AppraisalStatus.Objected).ToList();
            string Predikats(Predikat p) => CsvWriter.Number(final.Count(a => a.Predikat == p));
            await csv.WriteRecordAsync(
            [
                unit.Code, unit.Name, unit.ParentId is { } parent ? codes.GetValueOrDefault(parent) : null,
                unit.HeadEmployeeId is { } head ? heads.GetValueOrDefault(head) : null,
                CsvWriter.Number(members.Count),
                CsvWriter.Number(members.Count(withSkp.Contains)),
                CsvWriter.Number(entries.Where(e => In(e.EmployeeId)).Select(e => e.EmployeeId).Distinct().Count()),
                CsvWriter.Number(entries.Where(e => In(e.EmployeeId) && e.Status == ProgressStatus.Approved).Sum(e => e.Count)),
                CsvWriter.Number(entries.Where(e => In(e.EmployeeId) && e.Status == ProgressStatus.Submitted).Sum(e => e.Count)),
                CsvWriter.Number(notes.Where(n => In(n.EmployeeId)).Sum(n => n.Count)),
                CsvWriter.Number(final.Count),
                Predikats(Predikat.SangatBaik), Predikats(Predikat.Baik), Predikats(Predikat.ButuhPerbaikan),
                Predikats(Predikat.KurangMisconduct), Predikats(Predikat.SangatKurang),
            ], ct);
        }
    }

    private static readonly TimeZoneInfo Wib = IndonesianTimeZones.Resolve(IndonesianTimeZones.Wib);

    /// <summary>The year as instants, by the WIB calendar (the zone the exports' dates are in).</summary>
    private static (DateTimeOffset From, DateTimeOffset To) YearBounds(int year) =>
        (IndonesianTimeZones.ToUtc(new DateOnly(year, 1, 1), TimeOnly.MinValue, Wib), IndonesianTimeZones.ToUtc(new DateOnly(year + 1, 1, 1), TimeOnly.MinValue, Wib));
}

/// <summary>
/// What any way of combining reports needs of them, kept as they stream past: their sum and count (Sum, Average)
/// and the latest one (Latest). Quarters merge into the year the same way.
/// </summary>
internal readonly record struct Running(decimal Sum, int Count, DateOnly LatestDate, decimal Latest)
{
    public Running Add(DateOnly date, decimal value) =>
        Count == 0 || date >= LatestDate ? new(Sum + value, Count + 1, date, value) : new(Sum + value, Count + 1, LatestDate, Latest);

    public static Running Merge(IEnumerable<Running> parts) =>
        parts.Aggregate(default(Running), (a, b) => b.Count == 0 ? a : a.Count == 0 ? b
            : b.LatestDate >= a.LatestDate ? new Running(a.Sum + b.Sum, a.Count + b.Count, b.LatestDate, b.Latest) : new Running(a.Sum + b.Sum, a.Count + b.Count, a.LatestDate, a.Latest));

    public decimal Value(ReportCombination combination) => combination switch
    {
        ReportCombination.Sum => Sum,
        ReportCombination.Average => Count == 0 ? 0m : Math.Round(Sum / Count, 4),
        _ => Latest,
    };
}
