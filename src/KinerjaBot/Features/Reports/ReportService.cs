using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Features.Appraisal;
using KinerjaBot.Features.Reminders;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Reports;

/// <summary>The numbers behind the team card and the unit overview; who sees what is decided by the routes.</summary>
public sealed class ReportService(KinerjaDbContext db, AppraisalService appraisals, ReminderCalendar calendar)
{
    /// <summary>People listed on a unit overview; the rest are counted in their sub-unit's line only.</summary>
    public const int MaxPeopleListed = 40;

    /// <summary>The rater's team today (own staff and those of anyone they act for), with this month's work and what is late.</summary>
    public async Task<List<TeamMemberReport>> TeamAsync(int raterId, DateOnly today, CancellationToken ct)
    {
        var team = await appraisals.TeamAsync(raterId, today, ct);
        var ids = team.Select(e => e.Id).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var thisMonth = await db.ProgressEntries.AsNoTracking()
            .Where(p => ids.Contains(p.EmployeeId) && p.Date >= monthStart && p.Status != ProgressStatus.Withdrawn)
            .Select(p => new { p.EmployeeId, p.Indicator!.Text }).ToListAsync(ct);
        var pending = await db.ProgressEntries.AsNoTracking().Where(p => ids.Contains(p.EmployeeId) && p.Status == ProgressStatus.Submitted)
            .GroupBy(p => p.EmployeeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var last = await db.ProgressEntries.AsNoTracking().Where(p => ids.Contains(p.EmployeeId) && p.Status != ProgressStatus.Withdrawn)
            .GroupBy(p => p.EmployeeId).Select(g => new { g.Key, Last = g.Max(p => p.Date) }).ToDictionaryAsync(g => g.Key, g => g.Last, ct);
        var overdue = await OverdueAsync(raterId, ids, today, ct);
        var (completion, _) = await CompletionAsync(ids, today.Year, ct);

        return team.Select(e =>
        {
            var logged = thisMonth.Where(p => p.EmployeeId == e.Id).ToList();
            return new TeamMemberReport(e.Id, e.Name, logged.Count, logged.Select(p => p.Text).Distinct().ToList(),
                pending.GetValueOrDefault(e.Id), last.TryGetValue(e.Id, out var d) ? d : null, overdue.GetValueOrDefault(e.Id) ?? [],
                completion.GetValueOrDefault(e.Id));
        }).ToList();
    }

    private async Task<Dictionary<int, List<OverdueLine>>> OverdueAsync(int raterId, List<int> ids, DateOnly today, CancellationToken ct)
    {
        var result = ids.ToDictionary(id => id, _ => new List<OverdueLine>());

        var lastMonth = PerformancePeriod.Containing(today, PeriodKind.Month).Previous();
        var realisationDue = calendar.DueOf(ReminderRuleKind.MonthlyRealisation, lastMonth);
        if (calendar.Options.MonthlyRealisation.Enabled && today > realisationDue)
        {
            var withSkp = await db.Skps.AsNoTracking().Where(s => ids.Contains(s.EmployeeId) && s.Year == lastMonth.Year).Select(s => s.EmployeeId).ToListAsync(ct);
            var logged = await db.ProgressEntries.AsNoTracking()
                .Where(p => ids.Contains(p.EmployeeId) && p.Date >= lastMonth.Start && p.Date <= lastMonth.End && p.Status != ProgressStatus.Withdrawn)
                .Select(p => p.EmployeeId).Distinct().ToListAsync(ct);
            foreach (var id in withSkp.Except(logged))
            {
                result[id].Add(new OverdueLine(OverdueKind.MonthlyRealisation, lastMonth, null, realisationDue));
            }
        }

        var requests = await db.FeedbackRequests.AsNoTracking()
            .Where(f => ids.Contains(f.RecipientId) && f.Status == FeedbackRequestStatus.Open && f.DueDate != null && f.DueDate < today)
            .Join(db.Employees, f => f.RequesterId, e => e.Id, (f, e) => new { f.RecipientId, f.DueDate, e.Name }).ToListAsync(ct);
        foreach (var r in requests)
        {
            result[r.RecipientId].Add(new OverdueLine(OverdueKind.FeedbackAnswer, null, r.Name, r.DueDate!.Value));
        }

        var period = AppraisalService.DefaultPeriod(today);
        var rule = period.Kind == PeriodKind.Year ? ReminderRuleKind.AnnualAppraisal : ReminderRuleKind.QuarterlyEvaluation;
        var appraisalDue = calendar.DueOf(rule, period);
        if (calendar.RuleOf(rule).Enabled && today > appraisalDue)
        {
            foreach (var row in await appraisals.TeamRowsAsync(raterId, period, today, ct))
            {
                if (row.Status is not (AppraisalStatus.Finalized or AppraisalStatus.Acknowledged or AppraisalStatus.Objected) && result.TryGetValue(row.EmployeeId, out var lines))
                {
                    lines.Add(new OverdueLine(OverdueKind.Appraisal, period, null, appraisalDue));
                }
            }
        }

        return result;
    }

    /// <summary>The overview of every unit the head leads (with sub-units), or null when they head none.</summary>
    public async Task<UnitOverview?> UnitAsync(Employee head, DateOnly today, CancellationToken ct)
    {
        var units = await appraisals.HeadedUnitsAsync(head.Id, ct);
        if (units.Count == 0)
        {
            return null;
        }

        var unitIds = units.Select(u => u.Id).ToList();
        var people = await db.Employees.AsNoTracking().Where(e => e.IsActive && !e.IsExternal && unitIds.Contains(e.UnitId) && e.Id != head.Id)
            .OrderBy(e => e.Name).Select(e => new { e.Id, e.Name, e.UnitId }).ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var (completion, withSkp) = await CompletionAsync(ids, today.Year, ct);
        var month = await db.ProgressEntries.AsNoTracking()
            .Where(p => ids.Contains(p.EmployeeId) && p.Date >= monthStart && p.Status != ProgressStatus.Withdrawn)
            .GroupBy(p => p.EmployeeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        var unitNames = units.ToDictionary(u => u.Id, u => u.Name);
        var subUnits = units.Select(u =>
        {
            var members = people.Where(p => p.UnitId == u.Id).ToList();
            var known = members.Select(m => completion.GetValueOrDefault(m.Id)).Where(c => c is not null).Select(c => c!.Value).ToList();
            return new SubUnitSummary(u.Name, members.Count, members.Count(m => month.ContainsKey(m.Id)),
                members.Count(m => withSkp.Contains(m.Id)), known.Count == 0 ? null : Math.Round(known.Average(), 0));
        }).Where(s => s.Employees > 0).ToList();
        var listed = people.Take(MaxPeopleListed)
            .Select(p => new PersonCompletion(p.Name, unitNames[p.UnitId], completion.GetValueOrDefault(p.Id), month.GetValueOrDefault(p.Id))).ToList();

        var period = AppraisalService.DefaultPeriod(today);
        var rows = await appraisals.UnitMembersAsync(head.Id, period, ct);
        var distribution = Enum.GetValues<Predikat>().OrderByDescending(p => p)
            .ToDictionary(p => p, p => rows.Count(r => r.Predikat == p));
        return new UnitOverview(units[0].Name, today, period, subUnits, listed, people.Count, distribution, rows.Count(r => r.Predikat is null));
    }

    /// <summary>
    /// Each person's completion of the year's targets from approved reports only (Realisation.CompletionPercent
    /// over their indicators with a target), and who has such indicators: the team card and the unit overview
    /// both show this one figure.
    /// </summary>
    private async Task<(Dictionary<int, decimal?> Completion, HashSet<int> WithSkp)> CompletionAsync(List<int> ids, int year, CancellationToken ct)
    {
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => ids.Contains(i.Rhk!.Skp!.EmployeeId) && i.Rhk.Skp.Year == year && i.Target > 0)
            .Select(i => new { i.Id, i.Target, i.Combination, i.Direction, EmployeeId = i.Rhk!.Skp!.EmployeeId }).ToListAsync(ct);
        var indicatorIds = indicators.Select(i => i.Id).ToList();
        var reports = (await db.ProgressEntries.AsNoTracking()
                .Where(p => indicatorIds.Contains(p.IndicatorId) && p.Date >= yearStart && p.Date <= yearEnd && p.Status == ProgressStatus.Approved)
                .OrderBy(p => p.Id).Select(p => new { p.IndicatorId, p.Date, p.Value }).ToListAsync(ct))
            .ToLookup(p => p.IndicatorId, p => (p.Date, p.Value, Approved: true));
        var completion = indicators.GroupBy(i => i.EmployeeId).ToDictionary(
            g => g.Key,
            g => Realisation.CompletionPercent(g.Select(i => Realisation.Figures(new IndicatorMeasure(i.Combination, i.Direction), i.Target, reports[i.Id]).Achievement).ToList()));
        return (completion, [.. completion.Keys]);
    }
}
