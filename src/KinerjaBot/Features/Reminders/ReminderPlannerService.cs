using KinerjaBot.Data;
using KinerjaBot.Features.Calendar;
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
    HolidayCalendarSource holidays,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderPlannerService> logger) : BackgroundService
{
    public const string LeaseName = "reminder-planner";

    private readonly string _owner = Environment.MachineName + ":" + Guid.NewGuid().ToString("N");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled
            ? PeriodicJob.RunAsync(options.Value.TickInterval, time, runAtStart: true, TickAsync, ex => LogTickFailed(logger, ex), stoppingToken)
            : Task.CompletedTask;

    /// <summary>Plans once if this instance wins the current slot; returns whether it did.</summary>
    public async Task<bool> TickAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var o = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();

        // Every instance, planner or not, picks up a holiday file another instance took.
        await holidays.RefreshAsync(db, ct);
        holidays.WarnIfUncovered(HolidayEndpoints.Today(time));
        return await SchedulerLeases.RunIfClaimedAsync(db, LeaseName, _owner, SchedulerLeases.SlotOf(now, o.TickInterval), now, o.PlannerLease,
            () => scope.ServiceProvider.GetRequiredService<ReminderPlanner>().PlanOnceAsync(now, ct), ct);
    }

    [LoggerMessage(5002, LogLevel.Error, "Reminder planning tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception ex);
}
