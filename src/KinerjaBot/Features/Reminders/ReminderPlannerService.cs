using KinerjaBot.Data;
using KinerjaBot.Infrastructure;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Features.Reminders;

/// <summary>
/// Runs <see cref="ReminderPlanner"/> every <see cref="ReminderOptions.TickInterval"/>; of several
/// instances, the one that claims the tick's slot plans it. A missed or crashed tick loses nothing: the
/// next one plans whatever is due and not yet queued.
/// </summary>
public sealed partial class ReminderPlannerService(
    IServiceScopeFactory scopes,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderPlannerService> logger) : BackgroundService
{
    public const string LeaseName = "reminder-planner";

    private readonly string _owner = Environment.MachineName + ":" + Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.TickInterval, time);
        do
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogTickFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Plans once if this instance wins the current slot; returns whether it did.</summary>
    public async Task<bool> TickAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var o = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        if (!await SchedulerLeases.TryClaimAsync(db, LeaseName, _owner, SchedulerLeases.SlotOf(now, o.TickInterval), now, o.PlannerLease, ct))
        {
            return false;
        }

        try
        {
            await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().PlanOnceAsync(now, ct);
        }
        finally
        {
            await SchedulerLeases.ReleaseAsync(db, LeaseName, _owner, CancellationToken.None);
        }

        return true;
    }

    [LoggerMessage(5002, LogLevel.Error, "Reminder planning tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception ex);
}
