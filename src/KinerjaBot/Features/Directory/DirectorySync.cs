using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.OrgDirectory;

/// <summary>What one sync run did; returned by the admin endpoint and logged by the scheduled run.</summary>
public sealed record DirectorySyncResult(
    int Checked,
    int WithoutEntraId,
    int ManagersFound,
    int NoManager,
    int MarkedLeft,
    int GapsFilled,
    int RatersUpdated,
    int ConflictsOpened,
    int ConflictsResolved,
    int ConflictsOpen,
    int Failed,
    int ThrottledResponses,
    double RetryAfterWaitedSeconds,
    bool StoppedByThrottling);

/// <summary>
/// Brings employees' raters in line with Microsoft Graph under one rule (README "Organisation directory"):
/// the imported civil-service reporting line (the SKP rater) wins; Graph only fills gaps, with a manager
/// who is a known employee; every disagreement is kept as a <see cref="DirectoryConflict"/> for the
/// administrator. Someone Graph no longer knows is marked as left (<see cref="Employee.IsActive"/> off),
/// as an import with <c>active=tidak</c> would, so the feedback sweep reroutes what waits on them.
/// </summary>
public sealed class DirectorySync(KinerjaDbContext db, AuditTrail audit, GraphDirectory graph, TimeProvider time)
{
    /// <summary>Changes are saved every this many employees, so a run stopped by throttling keeps its progress.</summary>
    private const int SaveEvery = 50;

    public async Task<DirectorySyncResult> RunAsync(string actor, CancellationToken ct)
    {
        audit.SetActor(null, actor);
        var now = time.GetUtcNow();
        var employees = await db.Employees.Where(e => e.IsActive).OrderBy(e => e.Id).ToListAsync(ct);
        var byAad = employees.Where(e => !string.IsNullOrWhiteSpace(e.AadObjectId))
            .GroupBy(e => e.AadObjectId!.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var links = await db.DirectoryLinks.ToDictionaryAsync(l => l.EmployeeId, ct);
        var conflicts = await db.DirectoryConflicts.ToDictionaryAsync(c => c.EmployeeId, ct);
        var tally = new Tally();

        var pending = 0;
        foreach (var employee in employees)
        {
            if (string.IsNullOrWhiteSpace(employee.AadObjectId))
            {
                tally.WithoutEntraId++;
                continue;
            }

            var lookup = await graph.ManagerOfAsync(employee.AadObjectId.Trim(), ct);
            if (lookup.Outcome == ManagerLookup.Throttled)
            {
                tally.Stopped = true;
                break;
            }

            if (lookup.Outcome == ManagerLookup.Failed)
            {
                tally.Failed++;
                continue;
            }

            tally.Checked++;
            if (!links.TryGetValue(employee.Id, out var link))
            {
                link = new DirectoryLink { EmployeeId = employee.Id };
                links[employee.Id] = link;
                db.DirectoryLinks.Add(link);
            }

            link.SyncedAt = now;
            link.ManagerAadObjectId = lookup.ManagerAadObjectId;
            if (lookup.Outcome == ManagerLookup.UserRemoved)
            {
                employee.IsActive = false;
                tally.MarkedLeft++;
                Resolve(conflicts, employee.Id, now, tally);
            }
            else
            {
                Reconcile(employee, link, lookup, byAad, conflicts, now, tally);
            }

            if (++pending >= SaveEvery)
            {
                await db.SaveChangesAsync(ct);
                pending = 0;
            }
        }

        await db.SaveChangesAsync(ct);
        var open = await db.DirectoryConflicts.CountAsync(c => c.ResolvedAt == null, ct);
        return new DirectorySyncResult(tally.Checked, tally.WithoutEntraId, tally.ManagersFound, tally.NoManager, tally.MarkedLeft,
            tally.GapsFilled, tally.RatersUpdated, tally.Opened, tally.Resolved, open, tally.Failed,
            graph.ThrottledResponses, graph.Waited.TotalSeconds, tally.Stopped);
    }

    private void Reconcile(Employee employee, DirectoryLink link, ManagerResult lookup, Dictionary<string, Employee> byAad,
        Dictionary<int, DirectoryConflict> conflicts, DateTimeOffset now, Tally tally)
    {
        var found = lookup.Outcome == ManagerLookup.Found;
        if (found)
        {
            tally.ManagersFound++;
        }
        else
        {
            tally.NoManager++;
        }

        var manager = found && byAad.TryGetValue(lookup.ManagerAadObjectId!, out var m) && m.Id != employee.Id ? m : null;

        // Graph owns the rater only where it filled a gap itself; any other rater is the imported reporting line.
        var graphOwned = employee.RaterId is null || employee.RaterId == link.FilledRaterId;
        if (graphOwned)
        {
            if (manager is not null)
            {
                if (employee.RaterId != manager.Id)
                {
                    if (employee.RaterId is null)
                    {
                        tally.GapsFilled++;
                    }
                    else
                    {
                        tally.RatersUpdated++;
                    }

                    employee.RaterId = manager.Id;
                }

                link.FilledRaterId = manager.Id;
                Resolve(conflicts, employee.Id, now, tally);
            }
            else if (found)
            {
                // A manager the bot does not know cannot rate here: the gap (or the earlier Graph rater) stays, and is reported.
                Open(conflicts, employee, DirectoryConflictKind.ManagerUnknown, lookup.ManagerAadObjectId, null, now, tally);
            }
            else
            {
                if (employee.RaterId is not null)
                {
                    employee.RaterId = null;
                    tally.RatersUpdated++;
                }

                link.FilledRaterId = null;
                Resolve(conflicts, employee.Id, now, tally);
            }

            return;
        }

        if (manager is not null && manager.Id == employee.RaterId)
        {
            Resolve(conflicts, employee.Id, now, tally);
        }
        else if (manager is not null)
        {
            Open(conflicts, employee, DirectoryConflictKind.ManagerDiffers, lookup.ManagerAadObjectId, manager.Id, now, tally);
        }
        else if (found)
        {
            Open(conflicts, employee, DirectoryConflictKind.ManagerUnknown, lookup.ManagerAadObjectId, null, now, tally);
        }
        else
        {
            Open(conflicts, employee, DirectoryConflictKind.NoManagerInGraph, null, null, now, tally);
        }
    }

    /// <summary>Records the disagreement unless the same one is already open (so a second run changes nothing).</summary>
    private void Open(Dictionary<int, DirectoryConflict> conflicts, Employee employee, DirectoryConflictKind kind,
        string? managerAad, int? managerId, DateTimeOffset now, Tally tally)
    {
        if (!conflicts.TryGetValue(employee.Id, out var conflict))
        {
            conflict = new DirectoryConflict { EmployeeId = employee.Id };
            conflicts[employee.Id] = conflict;
            db.DirectoryConflicts.Add(conflict);
        }
        else if (conflict.ResolvedAt is null && conflict.Kind == kind && conflict.RaterId == employee.RaterId
                 && string.Equals(conflict.GraphManagerAadObjectId, managerAad, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        conflict.Kind = kind;
        conflict.RaterId = employee.RaterId;
        conflict.GraphManagerAadObjectId = managerAad;
        conflict.GraphManagerEmployeeId = managerId;
        conflict.FirstSeenAt = now;
        conflict.ResolvedAt = null;
        tally.Opened++;
    }

    private static void Resolve(Dictionary<int, DirectoryConflict> conflicts, int employeeId, DateTimeOffset now, Tally tally)
    {
        if (conflicts.TryGetValue(employeeId, out var conflict) && conflict.ResolvedAt is null)
        {
            conflict.ResolvedAt = now;
            tally.Resolved++;
        }
    }

    private sealed class Tally
    {
        public int Checked;
        public int WithoutEntraId;
        public int ManagersFound;
        public int NoManager;
        public int MarkedLeft;
        public int GapsFilled;
        public int RatersUpdated;
        public int Opened;
        public int Resolved;
        public int Failed;
        public bool Stopped;
    }
}
