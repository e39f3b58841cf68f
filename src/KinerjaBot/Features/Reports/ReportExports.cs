using KinerjaBot.Data;
using KinerjaBot.Domain;
using KinerjaBot.Infrastructure.Csv;
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
/// The CSV files the BKPSDM keys into e-Kinerja (columns in README "Reports and exports"). Rows are read
/// from the database as a stream and written one by one, so a province-sized export never sits in memory.
/// Codes (status, aspect, predikat) are the stable English identifiers also used by the imports.
/// </summary>
public sealed class ReportExports(KinerjaDbContext db)
{
    public static readonly IReadOnlyDictionary<ExportKind, string[]> Columns = new Dictionary<ExportKind, string[]>
    {
        [ExportKind.Progress] =
        [
            "nip", "name", "unit_code", "year", "month", "rhk_kind", "rhk_no", "rhk_text", "indicator_text", "aspect",
            "target", "unit", "realisation_approved", "realisation_pending", "entries",
        ],
        [ExportKind.Feedback] =
        [
            "date", "from_nip", "from_name", "to_nip", "to_name", "to_unit_code", "rhk_text", "behaviour", "request_id", "feedback",
        ],
        [ExportKind.Appraisals] =
        [
            "nip", "name", "unit_code", "period", "period_kind", "rater_nip", "rater_name", "status",
            "work_result_rating", "behaviour_rating", "predikat", "revision", "finalized_at", "acknowledged_at",
        ],
        [ExportKind.Units] =
        [
            "unit_code", "unit_name", "parent_code", "head_nip", "employees", "with_skp", "reporting", "entries_approved", "entries_pending",
            "feedback_notes", "annual_final", "sangat_baik", "baik", "butuh_perbaikan", "kurang_misconduct", "sangat_kurang",
        ],
    };

    public async Task WriteAsync(ExportKind kind, int year, CsvWriter csv, CancellationToken ct)
    {
        await csv.WriteRecordAsync(Columns[kind], ct);
        var task = kind switch
        {
            ExportKind.Progress => ProgressAsync(year, csv, ct),
            ExportKind.Feedback => FeedbackAsync(year, csv, ct),
            ExportKind.Appraisals => AppraisalsAsync(year, csv, ct),
            _ => UnitsAsync(year, csv, ct),
        };
        await task;
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
            .Select(i => new { i.Id, i.Text, i.Aspect, i.Target, i.Unit, RhkKind = i.Rhk!.Kind, RhkOrder = i.Rhk.Order, RhkText = i.Rhk.Text })
            .ToDictionaryAsync(i => i.Id, ct);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var entries = db.ProgressEntries.AsNoTracking()
            .Where(p => p.Date >= from && p.Date <= to && (p.Status == ProgressStatus.Approved || p.Status == ProgressStatus.Submitted))
            .OrderBy(p => p.EmployeeId).ThenBy(p => p.IndicatorId).ThenBy(p => p.Date).ThenBy(p => p.Id)
            .Select(p => new { p.EmployeeId, p.IndicatorId, p.Date, p.Value, p.Status })
            .AsAsyncEnumerable();

        (int Employee, int Indicator, int Month)? key = null;
        decimal approved = 0, pending = 0;
        var count = 0;
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
                CsvWriter.Number(approved), CsvWriter.Number(pending), CsvWriter.Number(count),
            ], ct);
        }

        await foreach (var e in entries.WithCancellation(ct))
        {
            var current = (e.EmployeeId, e.IndicatorId, e.Date.Month);
            if (key != current)
            {
                await FlushAsync();
                key = current;
                approved = pending = 0;
                count = 0;
            }

            count++;
            // Rows come in date order, so for a rate (Realisation.IsRate) the month's last report is its level.
            var rate = indicators.TryGetValue(e.IndicatorId, out var indicator) && Realisation.IsRate(indicator.Unit);
            if (e.Status == ProgressStatus.Approved)
            {
                approved = rate ? e.Value : approved + e.Value;
            }
            else
            {
                pending = rate ? e.Value : pending + e.Value;
            }
        }

        await FlushAsync();
    }

    /// <summary>Every feedback note given in the year (answers to requests and unsolicited feedback).</summary>
    private async Task FeedbackAsync(int year, CsvWriter csv, CancellationToken ct)
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
                n.RhkId is { } r ? rhks.GetValueOrDefault(r) : null, n.Behaviour?.ToString(),
                n.RequestId is { } q ? CsvWriter.Number(q) : null, n.Text,
            ], ct);
        }
    }

    /// <summary>The latest revision of every appraisal of the year (triwulan and annual).</summary>
    private async Task AppraisalsAsync(int year, CsvWriter csv, CancellationToken ct)
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
            var kind = PerformancePeriod.TryParse(a.PeriodCode, out var period) ? period.Kind.ToString() : "";
            await csv.WriteRecordAsync(
            [
                employee?.Nip, employee?.Name, employee?.UnitCode, a.PeriodCode, kind, rater?.Nip, rater?.Name, a.Status.ToString(),
                a.WorkResultRating?.ToString(), a.BehaviourRating?.ToString(), a.Predikat?.ToString(), CsvWriter.Number(a.Revision),
                CsvWriter.Timestamp(a.FinalizedAt), CsvWriter.Timestamp(a.AcknowledgedAt),
            ], ct);
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
