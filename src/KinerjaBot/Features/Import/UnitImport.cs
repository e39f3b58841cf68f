using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Import;

/// <summary>units.csv: organisation units by code, created or updated, with their parent unit.</summary>
internal static class UnitImport
{
    private sealed record Line(int Number, string Code, string Name, string? ParentCode, string? TimeZone, bool? AllowPeerFeedback);

    /// <summary>A unit without a time zone of its own is where its parent is (a bidang sits in its dinas' office).</summary>
    private static string TimeZoneOf(string code, Dictionary<string, Line> lines, Dictionary<string, OrgUnit> units)
    {
        for (var depth = 0; depth < 64 && lines.TryGetValue(code, out var line); depth++)
        {
            if (line.TimeZone is not null)
            {
                return line.TimeZone;
            }

            if (line.ParentCode is null)
            {
                break;
            }

            code = line.ParentCode;
        }

        return units[code].TimeZone;
    }

    public static async Task<ImportPlan?> PlanAsync(KinerjaDbContext db, IEnumerable<ImportRow> rows, ImportErrors errors, CancellationToken ct)
    {
        var existing = await db.Units.ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);
        var lines = new Dictionary<string, Line>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var code = row.Text("code", 64, required: true);
            var name = row.Text("name", 256, required: true);
            var parent = row.Text("parent_code", 64);
            var timeZone = row.TimeZone("time_zone");
            var peers = row.Bool("allow_peer_feedback");
            if (code is null || name is null)
            {
                continue;
            }

            if (lines.TryGetValue(code, out var first))
            {
                errors.Add(row.Line, "code", "Import.Duplicate", code, first.Number);
                continue;
            }

            lines[code] = new Line(row.Line, code, name, parent, timeZone, peers);
        }

        var codeOf = existing.Values.ToDictionary(u => u.Id, u => u.Code);
        var parentOf = existing.Values.ToDictionary(u => u.Code, u => u.ParentId is { } id ? codeOf[id] : null, StringComparer.Ordinal);
        foreach (var line in lines.Values)
        {
            parentOf[line.Code] = line.ParentCode;
        }

        ImportGraph.CheckLinks(lines.Values.Select(l => (l.Number, l.Code, l.ParentCode)), parentOf, "parent_code", "Import.UnknownUnit", errors);

        if (errors.Any)
        {
            return null;
        }

        return new ImportPlan(async token =>
        {
            var counts = new ImportCounts();
            var units = new Dictionary<string, OrgUnit>(existing, StringComparer.Ordinal);
            foreach (var line in lines.Values)
            {
                if (!units.TryGetValue(line.Code, out var unit))
                {
                    unit = new OrgUnit { Code = line.Code, Name = line.Name };
                    db.Units.Add(unit);
                    units[line.Code] = unit;
                    counts.Created++;
                }
                else
                {
                    counts.Updated++;
                }

                unit.Name = line.Name;
                unit.AllowPeerFeedback = line.AllowPeerFeedback ?? unit.AllowPeerFeedback;
            }

            await db.SaveChangesAsync(token);
            foreach (var line in lines.Values)
            {
                units[line.Code].ParentId = line.ParentCode is null ? null : units[line.ParentCode].Id;
                units[line.Code].TimeZone = TimeZoneOf(line.Code, lines, units);
            }

            await db.SaveChangesAsync(token);
            return counts;
        });
    }
}
