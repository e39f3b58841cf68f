using System.Text.Json;
using KinerjaBot.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KinerjaBot.Infrastructure;

/// <summary>Tags that choose which checks an endpoint runs.</summary>
public static class HealthTags
{
    /// <summary>Checked by <c>/health/ready</c>: unhealthy takes the instance out of rotation, degraded only explains itself.</summary>
    public const string Ready = "ready";
}

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (the checks tagged ready, with their detail).</summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddKinerjaHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready]);
        return services;
    }

    public static WebApplication MapKinerjaHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready), ResponseWriter = WriteDetailAsync });
        return app;
    }

    // {"status":"Degraded","checks":{"database":{"status":"Healthy",...},"holiday-calendar":{"status":"Degraded","description":"..."}}}
    private static Task WriteDetailAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var detail = new Dictionary<string, object?>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(e => e.Key, e => new Dictionary<string, string?>
            {
                ["status"] = e.Value.Status.ToString(),
                ["description"] = e.Value.Description ?? e.Value.Exception?.Message,
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(detail), http.RequestAborted);
    }
}

/// <summary>The database answers.</summary>
public sealed class DatabaseHealthCheck(KinerjaDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
