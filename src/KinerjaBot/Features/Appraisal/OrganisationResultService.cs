using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Appraisal;

/// <summary>A stored organisation result as it applies to a unit: its own, or the nearest parent unit's.</summary>
public sealed record AppliedOrganisationResult(OrganisationResult Result, int FromUnitId, string FromUnitName, string SetBy, DateTimeOffset SetAt);

/// <summary>
/// Capaian kinerja organisasi per unit and period: who may set it, setting it, and which one applies to a
/// unit. In the regulation it comes first (organisation result, then distribution, then each predikat), so it
/// is decided once by the pimpinan instansi or BKPSDM and never chosen where the distribution is checked.
/// </summary>
public sealed class OrganisationResultService(KinerjaDbContext db)
{
    /// <summary>The longest text kept of the admin's name for "who set it".</summary>
    public const int MaxSetBy = 200;

    /// <summary>The result that applies to <paramref name="unitId"/>: its own for the period, else its nearest parent's.</summary>
    public async Task<AppliedOrganisationResult?> ApplyingToAsync(int unitId, PerformancePeriod period, CancellationToken ct)
    {
        // Most periods have no result stored at all: one small query answers those without walking the tree.
        var stored = await db.OrganisationResults.AsNoTracking().Where(r => r.PeriodCode == period.Code).ToListAsync(ct);
        if (stored.Count == 0)
        {
            return null;
        }

        var seen = new HashSet<int>();
        for (int? id = unitId; id is { } current && seen.Add(current);)
        {
            var unit = await db.Units.AsNoTracking().Where(u => u.Id == current).Select(u => new { u.Name, u.ParentId }).FirstOrDefaultAsync(ct);
            if (unit is null)
            {
                return null;
            }

            if (stored.FirstOrDefault(r => r.UnitId == current) is { } own)
            {
                return new AppliedOrganisationResult(own.Result, current, unit.Name, own.SetBy, own.SetAt);
            }

            id = unit.ParentId;
        }

        return null;
    }

    /// <summary>The top unit (the instansi) of <paramref name="unitId"/>, whose head is the pimpinan instansi.</summary>
    public async Task<OrgUnit?> InstansiOfAsync(int unitId, CancellationToken ct)
    {
        OrgUnit? unit = null;
        var seen = new HashSet<int>();
        for (int? id = unitId; id is { } current && seen.Add(current);)
        {
            unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == current, ct);
            id = unit?.ParentId;
        }

        return unit;
    }

    /// <summary>The pimpinan instansi's name for <paramref name="unitId"/>, to say who must set a missing result.</summary>
    public async Task<string?> PimpinanNameAsync(int unitId, CancellationToken ct) =>
        await InstansiOfAsync(unitId, ct) is { HeadEmployeeId: { } head }
            ? await db.Employees.Where(e => e.Id == head).Select(e => e.Name).FirstOrDefaultAsync(ct)
            : null;

    /// <summary>
    /// The units whose result this employee may set today: as pimpinan instansi (head of a top unit, or Plt/Plh
    /// for that head) the instansi and every unit in it; nobody else sets one in chat.
    /// </summary>
    public async Task<List<OrgUnit>> SettableUnitsAsync(int employeeId, DateOnly today, CancellationToken ct)
    {
        var actingFor = await db.ActingAssignments.AsNoTracking().Where(a => a.ActingEmployeeId == employeeId && a.From <= today && a.To >= today)
            .Select(a => a.SupervisorId).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Name).ToListAsync(ct);
        var result = units.Where(u => u.ParentId == null && u.HeadEmployeeId is { } head && (head == employeeId || actingFor.Contains(head))).ToList();
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(units.Where(u => u.ParentId == result[i].Id && result.All(r => r.Id != u.Id)));
        }

        return result;
    }

    /// <summary>The results stored for the period, by unit id.</summary>
    public Task<Dictionary<int, OrganisationResultRow>> StoredAsync(PerformancePeriod period, CancellationToken ct) =>
        db.OrganisationResults.AsNoTracking().Where(r => r.PeriodCode == period.Code).ToDictionaryAsync(r => r.UnitId, ct);

    /// <summary>Stores (or replaces) the unit's result for the period; the audit trail records who and what it was before.</summary>
    public async Task SetAsync(int unitId, PerformancePeriod period, OrganisationResult result, int? byEmployeeId, string by, DateTimeOffset now, CancellationToken ct)
    {
        EnumGuard.EnsureDefined(result);
        var row = await db.OrganisationResults.FirstOrDefaultAsync(r => r.UnitId == unitId && r.PeriodCode == period.Code, ct);
        if (row is null)
        {
            row = db.OrganisationResults.Add(new OrganisationResultRow { UnitId = unitId, PeriodCode = period.Code, SetBy = by }).Entity;
        }

        row.Result = result;
        row.SetByEmployeeId = byEmployeeId;
        row.SetBy = by.Length > MaxSetBy ? by[..MaxSetBy] : by;
        row.SetAt = now;
        await db.SaveChangesAsync(ct);
    }
}
