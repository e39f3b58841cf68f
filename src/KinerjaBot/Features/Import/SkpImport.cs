using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Import;

/// <summary>
/// skp.csv: one row per indicator; rows with the same NIP, year and <c>rhk_no</c> form one RHK. An SKP in the
/// file replaces the stored one of that employee and year, matched by RHK and indicator order so links from
/// subordinates' RHK (intervensi) survive — unless progress was already reported on it: then the file is
/// refused, because progress must keep pointing at the indicator it was reported on.
/// </summary>
internal static class SkpImport
{
    private sealed record IndicatorLine(int Number, string Text, IndicatorAspect Aspect, decimal Target, string Unit, IndicatorMeasure Measure);

    private sealed class RhkLine(int number, RhkKind kind, string text, int? parentNo)
    {
        public int Number { get; } = number;
        public RhkKind Kind { get; } = kind;
        public string Text { get; } = text;
        public int? ParentNo { get; } = parentNo;
        public List<IndicatorLine> Indicators { get; } = [];
    }

    private sealed class SkpLine(int number, string nip, int year, SkpStatus status)
    {
        public int Number { get; } = number;
        public string Nip { get; } = nip;
        public int Year { get; } = year;
        public SkpStatus Status { get; } = status;
        public SortedDictionary<int, RhkLine> Rhks { get; } = [];
    }

    public static async Task<ImportPlan?> PlanAsync(KinerjaDbContext db, IEnumerable<ImportRow> rows, ImportErrors errors, CancellationToken ct)
    {
        var employees = await db.Employees.Select(e => new { e.Id, e.Nip, e.RaterId }).ToDictionaryAsync(e => e.Nip, StringComparer.Ordinal, ct);
        var skps = new Dictionary<(string Nip, int Year), SkpLine>();
        foreach (var row in rows)
        {
            var nip = row.Nip("nip");
            var year = row.Int("year", 2000, 2100);
            var rhkNo = row.Int("rhk_no", 1, 999);
            var kind = row.Choice<RhkKind>("rhk_kind", required: true);
            var rhkText = row.Text("rhk_text", 1000, required: true);
            var parentNo = row.Int("parent_rhk_no", 1, 999, required: false);
            var indicatorText = row.Text("indicator_text", 1000, required: true);
            var aspect = row.Choice<IndicatorAspect>("aspect", required: true);
            var target = row.Decimal("target", required: true, positive: true);
            var unit = row.Text("unit", 64, required: true);
            var status = row.Choice<SkpStatus>("status", required: false) ?? SkpStatus.Approved;
            var combination = row.Choice<ReportCombination>("realisation", required: false);
            var direction = row.Choice<IndicatorDirection>("direction", required: false);
            if (nip is not null && !employees.ContainsKey(nip))
            {
                errors.Add(row.Line, "nip", "Import.UnknownEmployee", nip);
                continue;
            }

            if (nip is null || year is null || rhkNo is null || kind is null || rhkText is null || indicatorText is null || aspect is null || target is null || unit is null)
            {
                continue;
            }

            if (!skps.TryGetValue((nip, year.Value), out var skp))
            {
                skp = skps[(nip, year.Value)] = new SkpLine(row.Line, nip, year.Value, status);
            }

            if (!skp.Rhks.TryGetValue(rhkNo.Value, out var rhk))
            {
                rhk = skp.Rhks[rhkNo.Value] = new RhkLine(row.Line, kind.Value, rhkText, parentNo);
            }
            else if (rhk.Text != rhkText || rhk.Kind != kind || rhk.ParentNo != parentNo)
            {
                errors.Add(row.Line, "rhk_text", "Import.RhkDiffers", rhkNo, rhk.Number);
                continue;
            }

            // Either column may be left empty: what it does not say comes from the aspek and the unit.
            var measure = Realisation.Default(aspect.Value, unit);
            measure = new IndicatorMeasure(combination ?? measure.Combination, direction ?? measure.Direction);
            rhk.Indicators.Add(new IndicatorLine(row.Line, indicatorText, aspect.Value, target.Value, unit, measure));
        }

        var stored = await LoadStoredAsync(db, skps.Keys.Select(k => k.Year).Distinct().ToList(), ct);
        foreach (var skp in skps.Values)
        {
            var employee = employees[skp.Nip];
            if (stored.TryGetValue((employee.Id, skp.Year), out var existing) && existing.HasProgress)
            {
                errors.Add(skp.Number, "nip", "Import.SkpHasProgress", skp.Nip, skp.Year);
            }

            foreach (var (_, rhk) in skp.Rhks.Where(r => r.Value.ParentNo is not null))
            {
                var rater = employees.Values.FirstOrDefault(e => e.Id == employee.RaterId);
                var parentExists = rater is not null
                    && (skps.TryGetValue((rater.Nip, skp.Year), out var raterSkp)
                        ? raterSkp.Rhks.ContainsKey(rhk.ParentNo!.Value)
                        : stored.TryGetValue((rater.Id, skp.Year), out var raterStored) && raterStored.RhkOrders.Contains(rhk.ParentNo!.Value));
                if (!parentExists)
                {
                    errors.Add(rhk.Number, "parent_rhk_no", "Import.UnknownParentRhk", rhk.ParentNo);
                }
            }
        }

        if (errors.Any)
        {
            return null;
        }

        return new ImportPlan(async token =>
        {
            var counts = new ImportCounts();
            var saved = new Dictionary<(string Nip, int Year), Skp>();
            foreach (var line in skps.Values)
            {
                var employee = employees[line.Nip];
                var skp = await db.Skps.Include(s => s.Rhks).ThenInclude(r => r.Indicators)
                    .SingleOrDefaultAsync(s => s.EmployeeId == employee.Id && s.Year == line.Year, token);
                if (skp is null)
                {
                    skp = new Skp { EmployeeId = employee.Id, Year = line.Year };
                    db.Skps.Add(skp);
                    counts.Created++;
                }
                else
                {
                    counts.Updated++;
                }

                skp.Status = line.Status;
                skp.RaterId = employee.RaterId;
                Replace(skp, line);
                saved[(line.Nip, line.Year)] = skp;
            }

            await db.SaveChangesAsync(token);
            await LinkParentsAsync(db, skps.Values, saved, employees.ToDictionary(e => e.Key, e => e.Value.RaterId), employees.Values.ToDictionary(e => e.Id, e => e.Nip), token);
            await db.SaveChangesAsync(token);
            return counts;
        });
    }

    private sealed record StoredSkp(bool HasProgress, HashSet<int> RhkOrders);

    private static async Task<Dictionary<(int EmployeeId, int Year), StoredSkp>> LoadStoredAsync(KinerjaDbContext db, List<int> years, CancellationToken ct)
    {
        var rows = await db.Skps.Where(s => years.Contains(s.Year))
            .Select(s => new
            {
                s.EmployeeId,
                s.Year,
                Orders = s.Rhks.Select(r => r.Order).ToList(),
                HasProgress = db.ProgressEntries.Any(p => p.Indicator!.Rhk!.SkpId == s.Id),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.EmployeeId, r.Year), r => new StoredSkp(r.HasProgress, [.. r.Orders]));
    }

    /// <summary>Updates RHK and indicators in place by their order; extra stored ones go, new ones come.</summary>
    private static void Replace(Skp skp, SkpLine line)
    {
        var rhkNumbers = line.Rhks.Keys.ToHashSet();
        skp.Rhks.RemoveAll(r => !rhkNumbers.Contains(r.Order));
        foreach (var (number, rhkLine) in line.Rhks)
        {
            var rhk = skp.Rhks.FirstOrDefault(r => r.Order == number);
            if (rhk is null)
            {
                rhk = new Rhk { Order = number, Text = rhkLine.Text };
                skp.Rhks.Add(rhk);
            }

            rhk.Kind = rhkLine.Kind;
            rhk.Text = rhkLine.Text;
            rhk.Indicators.RemoveAll(i => i.Order > rhkLine.Indicators.Count);
            for (var i = 0; i < rhkLine.Indicators.Count; i++)
            {
                var source = rhkLine.Indicators[i];
                var indicator = rhk.Indicators.FirstOrDefault(x => x.Order == i + 1);
                if (indicator is null)
                {
                    indicator = new Indicator { Order = i + 1, Text = source.Text, Unit = source.Unit };
                    rhk.Indicators.Add(indicator);
                }

                indicator.Text = source.Text;
                indicator.Aspect = source.Aspect;
                indicator.Target = source.Target;
                indicator.Unit = source.Unit;
                indicator.Combination = source.Measure.Combination;
                indicator.Direction = source.Measure.Direction;
            }
        }
    }

    private static async Task LinkParentsAsync(
        KinerjaDbContext db, IEnumerable<SkpLine> lines, Dictionary<(string Nip, int Year), Skp> saved,
        Dictionary<string, int?> raterIdOf, Dictionary<int, string> nipOf, CancellationToken ct)
    {
        foreach (var line in lines)
        {
            var skp = saved[(line.Nip, line.Year)];
            foreach (var rhk in skp.Rhks)
            {
                var parentNo = line.Rhks[rhk.Order].ParentNo;
                if (parentNo is null || raterIdOf[line.Nip] is not { } raterId)
                {
                    rhk.ParentRhkId = null;
                    continue;
                }

                rhk.ParentRhkId = saved.TryGetValue((nipOf[raterId], line.Year), out var raterSkp)
                    ? raterSkp.Rhks.Single(r => r.Order == parentNo).Id
                    : await db.Rhks.Where(r => r.Skp!.EmployeeId == raterId && r.Skp.Year == line.Year && r.Order == parentNo)
                        .Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            }
        }
    }
}
