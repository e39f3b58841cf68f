using KinerjaBot.Data;
using KinerjaBot.Features.Feedback;
using KinerjaBot.Infrastructure;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Features.OrgDirectory;

/// <summary>
/// Runs <see cref="DirectorySync"/> every <see cref="DirectorySyncOptions.Interval"/> (when enabled) and on
/// demand; both claim the same scheduler lease, so across instances one sync runs at a time.
/// </summary>
public sealed partial class DirectorySyncService(
    IServiceScopeFactory scopes,
    IOptions<DirectorySyncOptions> options,
    TimeProvider time,
    ILogger<DirectorySyncService> logger) : BackgroundService
{
    public const string LeaseName = "directory-sync";

    private readonly string _owner = Environment.MachineName + ":" + Guid.NewGuid().ToString("N");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled
            ? PeriodicJob.RunAsync(options.Value.Interval, time, runAtStart: true, async ct =>
            {
                if (await TickAsync(ct) is { } result)
                {
                    LogRun(logger, result.Checked, result.GapsFilled, result.MarkedLeft, result.ConflictsOpen, result.StoppedByThrottling);
                }
            }, ex => LogFailed(logger, ex), stoppingToken)
            : Task.CompletedTask;

    /// <summary>The scheduled run of the current slot; null when another instance has it (or had it already).</summary>
    public Task<DirectorySyncResult?> TickAsync(CancellationToken ct) =>
        RunAsync(SchedulerLeases.SlotOf(time.GetUtcNow(), options.Value.Interval), "system:directory-sync", ct);

    /// <summary>A run now (the admin endpoint); null when another run holds the lease.</summary>
    public Task<DirectorySyncResult?> RunNowAsync(CancellationToken ct) => RunAsync(time.GetUtcNow(), "admin:directory-sync", ct);

    private async Task<DirectorySyncResult?> RunAsync(DateTimeOffset slot, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        DirectorySyncResult? result = null;
        if (!await SchedulerLeases.RunIfClaimedAsync(db, LeaseName, _owner, slot, now, options.Value.Lease,
                async () => result = await scope.ServiceProvider.GetRequiredService<DirectorySync>().RunAsync(actor, ct), ct)
            || result is null)
        {
            return null;
        }

        if (result.MarkedLeft > 0)
        {
            // Open feedback requests waiting on someone who left are rerouted now, not at the sweep's next tick.
            await scope.ServiceProvider.GetRequiredService<FeedbackSweep>().SweepOnceAsync(ct);
        }

        return result;
    }

    [LoggerMessage(5300, LogLevel.Information, "Directory sync: {Checked} checked, {Filled} gaps filled, {Left} marked as left, {Open} conflicts open, stopped by throttling: {Stopped}")]
    private static partial void LogRun(ILogger logger, int @checked, int filled, int left, int open, bool stopped);

    [LoggerMessage(5301, LogLevel.Warning, "Directory sync failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
