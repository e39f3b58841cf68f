using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Data.Migrations;

/// <summary>Names, before <see cref="UniqueAadObjectId"/> runs, the employees whose shared Teams identity it will clear.</summary>
public static partial class IdentityDuplicates
{
    public static async Task ReportAsync(KinerjaDbContext db, ILogger logger, CancellationToken ct)
    {
        if (!(await db.Database.GetPendingMigrationsAsync(ct)).Contains(UniqueAadObjectId.Id)
            || !(await db.Database.GetAppliedMigrationsAsync(ct)).Any())
        {
            return;
        }

        var shared = await db.Employees.Where(e => e.AadObjectId != null)
            .GroupBy(e => e.AadObjectId)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToListAsync(ct);
        if (shared.Count == 0)
        {
            return;
        }

        var holders = await db.Employees.Where(e => shared.Contains(e.AadObjectId)).OrderBy(e => e.AadObjectId).ThenBy(e => e.Nip)
            .Select(e => new { e.AadObjectId, e.Nip }).ToListAsync(ct);
        var list = string.Join("; ", holders.GroupBy(h => h.AadObjectId).Select(g => $"{g.Key}: {string.Join(", ", g.Select(h => h.Nip))}"));
        LogCleared(logger, shared.Count, list);
    }

    [LoggerMessage(1090, LogLevel.Error,
        "{Count} Teams identities (aad_object_id) were shared by several employees; the migration to one identity per employee clears them on all holders, "
        + "who are not recognised in Teams until an employees import gives each their own: {Holders}")]
    private static partial void LogCleared(ILogger logger, int count, string holders);
}
