using KinerjaBot.Data;
using KinerjaBot.Infrastructure.Csv;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Import;

/// <summary>
/// The organisation and the SKPs as they are now, in exactly the layout their import takes: a file
/// downloaded here can be edited in a spreadsheet and posted back, and importing it unchanged changes nothing.
/// </summary>
public sealed class OrganisationExport(KinerjaDbContext db)
{
    /// <summary>Every column of the import layout, required ones first.</summary>
    public static IReadOnlyList<string> Columns(ImportKind kind)
    {
        var schema = ImportSchema.For(kind);
        return [.. schema.Required, .. schema.Optional];
    }

    /// <summary>Writes the header and one row per unit, employee or SKP indicator (SKPs of <paramref name="year"/> only, when given).</summary>
    public async Task WriteAsync(ImportKind kind, int? year, CsvWriter csv, CancellationToken ct)
    {
        await csv.WriteRecordAsync(Columns(kind), ct);
        var task = kind switch
        {
            ImportKind.Units => UnitsAsync(csv, ct),
            ImportKind.Employees => EmployeesAsync(csv, ct),
            _ => SkpAsync(year, csv, ct),
        };
        await task;
    }

    private static string YesNo(bool value) => value ? "ya" : "tidak";

    private async Task UnitsAsync(CsvWriter csv, CancellationToken ct)
    {
        var units = db.Units.AsNoTracking().OrderBy(u => u.Code)
            .Select(u => new { u.Code, u.Name, ParentCode = u.Parent == null ? null : u.Parent.Code, u.TimeZone, u.AllowPeerFeedback })
            .AsAsyncEnumerable();
        await foreach (var u in units.WithCancellation(ct))
        {
            // Column order: ImportSchema (code, name | parent_code, time_zone, allow_peer_feedback).
            await csv.WriteRecordAsync([u.Code, u.Name, u.ParentCode, u.TimeZone, YesNo(u.AllowPeerFeedback)], ct);
        }
    }

    private async Task EmployeesAsync(CsvWriter csv, CancellationToken ct)
    {
        var heads = (await db.Units.AsNoTracking().Where(u => u.HeadEmployeeId != null).Select(u => u.HeadEmployeeId!.Value).ToListAsync(ct)).ToHashSet();
        var people = db.Employees.AsNoTracking().OrderBy(e => e.Nip)
            .Select(e => new
            {
                e.Id, e.Nip, e.Name, e.PositionType, e.PositionName, UnitCode = e.Unit!.Code, e.Salutation, e.AddressName,
                RaterNip = e.Rater == null ? null : e.Rater.Nip, e.Email, e.AadObjectId, e.TimeZone, e.Language, e.CreditCoefficient, e.IsActive, e.IsExternal,
            })
            .AsAsyncEnumerable();
        await foreach (var e in people.WithCancellation(ct))
        {
            await csv.WriteRecordAsync(
            [
                e.Nip, e.Name, e.PositionType.ToString(), e.PositionName, e.UnitCode,
                e.Salutation.ToString(), e.AddressName, e.RaterNip, e.Email, e.AadObjectId, e.TimeZone, e.Language,
                e.CreditCoefficient is { } credit ? CsvWriter.Number(credit) : null, YesNo(e.IsActive), YesNo(heads.Contains(e.Id)), YesNo(e.IsExternal),
            ], ct);
        }
    }

    private async Task SkpAsync(int? year, CsvWriter csv, CancellationToken ct)
    {
        var rows = db.Indicators.AsNoTracking()
            .Where(i => year == null || i.Rhk!.Skp!.Year == year)
            .OrderBy(i => i.Rhk!.Skp!.Employee!.Nip).ThenBy(i => i.Rhk!.Skp!.Year).ThenBy(i => i.Rhk!.Order).ThenBy(i => i.Order)
            .Select(i => new
            {
                i.Rhk!.Skp!.Employee!.Nip, i.Rhk.Skp.Year, RhkNo = i.Rhk.Order, i.Rhk.Kind, RhkText = i.Rhk.Text,
                IndicatorText = i.Text, i.Aspect, i.Target, i.Unit, i.Combination, i.Direction,
                ParentNo = i.Rhk.ParentRhk == null ? (int?)null : i.Rhk.ParentRhk.Order, i.Rhk.Skp.Status,
            })
            .AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(ct))
        {
            await csv.WriteRecordAsync(
            [
                r.Nip, CsvWriter.Number(r.Year), CsvWriter.Number(r.RhkNo), r.Kind.ToString(), r.RhkText,
                r.IndicatorText, r.Aspect.ToString(), CsvWriter.Number(r.Target), r.Unit,
                r.ParentNo is { } parent ? CsvWriter.Number(parent) : null, r.Status.ToString(),
                r.Combination.ToString(), r.Direction.ToString(),
            ], ct);
        }
    }
}
