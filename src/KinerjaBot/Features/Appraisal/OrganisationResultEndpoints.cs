using KinerjaBot.Data;
using KinerjaBot.Domain;
using KinerjaBot.Localization;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Appraisal;

/// <summary>The body of <c>POST /admin/organisation-result</c>.</summary>
/// <param name="Unit">The unit's code as in the units import (the instansi's code for the whole instansi).</param>
/// <param name="Period">"2026" (annual) or "2026-Q3".</param>
/// <param name="Result">Istimewa, Baik, ButuhPerbaikan, Kurang or SangatKurang.</param>
/// <param name="By">The BKPSDM officer who decided it, kept with the result and in the audit trail.</param>
public sealed record OrganisationResultRequest(string? Unit, string? Period, string? Result, string? By);

public static class OrganisationResultEndpoints
{
    /// <summary>
    /// <c>POST /admin/organisation-result</c> sets a unit's result for a period (as a BKPSDM admin, audited as
    /// <c>admin:</c> plus the name given); <c>GET /admin/organisation-result?period=</c> lists what is stored.
    /// </summary>
    public static RouteGroupBuilder MapOrganisationResultAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/organisation-result", async (OrganisationResultRequest request, HttpRequest http, KinerjaDbContext db, AuditTrail audit,
            OrganisationResultService results, TimeProvider time, CancellationToken ct) =>
        {
            var t = Texts.For(http.Query["lang"].ToString() is { Length: > 0 } lang ? Texts.LanguageOf(lang) : Texts.LanguageOf(http.Headers.AcceptLanguage.ToString()));
            var errors = new List<string>();
            var unit = request.Unit is { Length: > 0 } code ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == code, ct) : null;
            if (unit is null)
            {
                errors.Add(t.Format("Appraisal.OrgResultSet.UnknownUnit", request.Unit));
            }

            if (!(PerformancePeriod.TryParse(request.Period?.Trim().ToUpperInvariant() ?? "", out var period) && period.Kind != PeriodKind.Month))
            {
                errors.Add(t.Format("Appraisal.Error.Period", request.Period));
            }

            var raw = request.Result?.Trim();
            if (!Enum.TryParse<OrganisationResult>(raw, ignoreCase: true, out var result) || !Enum.IsDefined(result) || int.TryParse(raw, out _))
            {
                errors.Add(t.Format("Appraisal.OrgResultSet.BadResult", request.Result, string.Join(", ", Enum.GetNames<OrganisationResult>())));
            }

            if (errors.Count > 0)
            {
                return Results.BadRequest(new { errors });
            }

            var by = "admin BKPSDM" + (request.By?.Trim() is { Length: > 0 } name ? " (" + name + ")" : "");
            audit.SetActor(null, "admin:" + (request.By?.Trim() is { Length: > 0 } n ? n[..Math.Min(n.Length, OrganisationResultService.MaxSetBy)] : "api"));
            try
            {
                await results.SetAsync(unit!.Id, period, result, null, by, time.GetUtcNow(), ct);
            }
            catch (DbUpdateException)
            {
                return Results.Conflict(new { errors = new[] { t["Import.Conflict"] } });
            }

            return Results.Ok(new { unit = unit.Code, period = period.Code, result = result.ToString(), setBy = by });
        });

        admin.MapGet("/organisation-result", async (string? period, KinerjaDbContext db, CancellationToken ct) =>
        {
            var code = period?.Trim().ToUpperInvariant();
            var rows = await db.OrganisationResults.AsNoTracking().Where(r => code == null || r.PeriodCode == code)
                .Join(db.Units, r => r.UnitId, u => u.Id, (r, u) => new { unit = u.Code, period = r.PeriodCode, result = r.Result, setBy = r.SetBy, setAt = r.SetAt })
                .ToListAsync(ct);
            return Results.Ok(rows.OrderBy(r => r.period, StringComparer.Ordinal).ThenBy(r => r.unit, StringComparer.Ordinal)
                .Select(r => new { r.unit, r.period, result = r.result.ToString(), r.setBy, r.setAt }));
        });
        return admin;
    }
}
