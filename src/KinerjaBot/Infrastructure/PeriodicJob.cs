namespace KinerjaBot.Infrastructure;

/// <summary>The loop of every background job: run, wait an interval, run again, until the host stops.</summary>
public static class PeriodicJob
{
    /// <summary>
    /// Runs <paramref name="run"/> every <paramref name="interval"/> on <paramref name="time"/>'s clock, first
    /// right away or after one interval. A failing run is handed to <paramref name="onFailure"/> (to be logged)
    /// and the next one still comes: one bad tick must not stop reminders or syncs for good.
    /// </summary>
    public static async Task RunAsync(TimeSpan interval, TimeProvider time, bool runAtStart, Func<CancellationToken, Task> run, Action<Exception> onFailure, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        if (!runAtStart && !await NextAsync(timer, stoppingToken))
        {
            return;
        }

        do
        {
            try
            {
                await run(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                onFailure(ex);
            }
        }
        while (await NextAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken ct)
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
}
