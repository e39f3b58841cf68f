using System.ComponentModel.DataAnnotations;
using KinerjaBot.Data;
using KinerjaBot.Delivery;
using KinerjaBot.Domain;
using KinerjaBot.Infrastructure;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Features.Feedback;

/// <summary>Section <c>Feedback</c>.</summary>
public sealed class FeedbackOptions
{
    /// <summary>How often open requests are checked for a recipient who left or moved (directory imports change people without a chat turn).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Reroutes or closes open feedback requests whose recipient left or changed units, on a timer, so none is
/// left hanging even when nobody talks to the bot. The same check also runs on "umpan balik" and on an answer.
/// </summary>
public sealed partial class FeedbackSweep(IServiceScopeFactory scopes, TimeProvider time, IOptions<FeedbackOptions> options, ILogger<FeedbackSweep> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicJob.RunAsync(options.Value.SweepInterval, time, runAtStart: false, async ct =>
        {
            var changed = await SweepOnceAsync(ct);
            if (changed > 0)
            {
                LogSwept(logger, changed);
            }
        }, ex => LogFailed(logger, ex), stoppingToken);

    /// <summary>One pass over every open request; returns how many were rerouted or closed.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditTrail>().SetActor(null, "system:feedback-sweep");
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<FeedbackService>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var today = IndonesianTimeZones.LocalDate(time.GetUtcNow(), IndonesianTimeZones.Resolve(IndonesianTimeZones.Wib));
        return await service.RerouteStaleAsync(outbox, null, today, db.FeedbackRequests, ct);
    }

    [LoggerMessage(4500, LogLevel.Information, "Feedback sweep rerouted or closed {Count} requests")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(4501, LogLevel.Warning, "Feedback sweep failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
