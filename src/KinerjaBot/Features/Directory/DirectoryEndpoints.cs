using KinerjaBot.Data;
using KinerjaBot.Features.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Features.OrgDirectory;

public static class DirectoryEndpoints
{
    public static IServiceCollection AddOrgDirectory(this IServiceCollection services)
    {
        services.AddOptions<DirectorySyncOptions>().BindConfiguration(DirectorySyncOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<GraphTokenSource>();
        services.AddHttpClient<GraphDirectory>(http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddScoped<DirectorySync>();
        services.AddSingleton<DirectorySyncService>();
        services.AddHostedService(sp => sp.GetRequiredService<DirectorySyncService>());
        return services;
    }

    /// <summary><c>POST /admin/directory/sync</c> runs a sync now; <c>GET /admin/directory/conflicts</c> lists what Graph and the import disagree on.</summary>
    public static RouteGroupBuilder MapDirectoryAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/directory/sync", async (DirectorySyncService sync, CancellationToken ct) =>
            await sync.RunNowAsync(ct) is { } result
                ? Results.Ok(result)
                : Results.Conflict(new { error = "A directory sync is already running; try again when it has finished." }));

        admin.MapGet("/directory/conflicts", async (KinerjaDbContext db, bool? all, CancellationToken ct) =>
        {
            var people = await db.Employees.AsNoTracking().Select(e => new { e.Id, e.Nip, e.Name, e.AadObjectId }).ToDictionaryAsync(e => e.Id, ct);
            var rows = await db.DirectoryConflicts.AsNoTracking().Where(c => all == true || c.ResolvedAt == null)
                .OrderBy(c => c.EmployeeId).ToListAsync(ct);
            object? Person(int? id) => id is { } i && people.TryGetValue(i, out var p) ? new { nip = p.Nip, name = p.Name } : null;
            return Results.Ok(new
            {
                open = rows.Count(c => c.ResolvedAt is null),
                byKind = rows.Where(c => c.ResolvedAt is null).GroupBy(c => c.Kind.ToString()).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
                conflicts = rows.Select(c => new
                {
                    employee = Person(c.EmployeeId),
                    kind = c.Kind.ToString(),
                    rater = Person(c.RaterId),
                    graphManager = c.GraphManagerAadObjectId is null ? null : new
                    {
                        aadObjectId = c.GraphManagerAadObjectId,
                        employee = Person(c.GraphManagerEmployeeId),
                    },
                    since = c.FirstSeenAt,
                    resolvedAt = c.ResolvedAt,
                }),
            });
        });
        return admin;
    }
}
