using KinerjaBot.Delivery;

namespace KinerjaBot.Tests.Delivery;

/// <summary>The pacing rules on a clock that moves only when told.</summary>
public sealed class PacerTests
{
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset Start = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Throttling_halves_the_rate_down_to_one_per_second_and_successes_bring_it_back()
    {
        var clock = new ManualClock(Start);
        var pacer = new Pacer(40, clock);

        pacer.Throttled(null);
        Assert.Equal(20, pacer.CurrentRate);
        for (var i = 0; i < 10; i++)
        {
            clock.Now += Pacer.DecreaseWindow;
            pacer.Throttled(null);
        }

        Assert.Equal(1, pacer.CurrentRate);
        for (var i = 0; i < 30; i++)
        {
            pacer.Succeeded();
        }

        Assert.Equal(40, pacer.CurrentRate);
    }

    [Fact]
    public async Task While_the_rate_recovers_the_next_slot_is_not_given_early()
    {
        var clock = new ManualClock(Start);
        var pacer = new Pacer(40, clock);

        pacer.Throttled(null);
        pacer.Succeeded();
        Assert.Equal(22, pacer.CurrentRate);

        // The slot set at the halved rate (50 ms ahead) still holds although the interval is now shorter.
        using var stop = new CancellationTokenSource();
        var waiting = pacer.WaitAsync(stop.Token);
        Assert.False(waiting.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        clock.Now += TimeSpan.FromMilliseconds(50);
        await pacer.WaitAsync(CancellationToken.None);
    }

    [Fact]
    public void A_burst_of_throttles_within_one_window_halves_the_rate_once()
    {
        var clock = new ManualClock(Start);
        var pacer = new Pacer(40, clock);

        for (var i = 0; i < 5; i++)
        {
            pacer.Throttled(TimeSpan.FromSeconds(1));
            clock.Now += TimeSpan.FromMilliseconds(100);
        }

        Assert.Equal(20, pacer.CurrentRate);
        clock.Now = Start + Pacer.DecreaseWindow;
        pacer.Throttled(null);
        Assert.Equal(10, pacer.CurrentRate);
    }

    [Fact]
    public async Task A_pacer_that_does_not_pause_only_slows_down_on_a_Retry_After()
    {
        var clock = new ManualClock(Start);
        var pacer = new Pacer(10, clock, pauseOnRetryAfter: false);
        await pacer.WaitAsync(CancellationToken.None);

        pacer.Throttled(TimeSpan.FromSeconds(30));
        clock.Now += TimeSpan.FromSeconds(1.0 / 5);

        // Within one interval of the halved rate, not 30 s.
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await pacer.WaitAsync(bounded.Token);
        Assert.Equal(5, pacer.CurrentRate);
    }

    [Fact]
    public async Task While_a_Retry_After_runs_nobody_passes_and_afterwards_everyone_does()
    {
        var clock = new ManualClock(Start);
        var pacer = new Pacer(10, clock);
        await pacer.WaitAsync(CancellationToken.None);

        pacer.Throttled(TimeSpan.FromSeconds(30));
        using var shortly = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        // The clock does not move: the wait can only end by cancellation.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pacer.WaitAsync(shortly.Token));

        clock.Now = Start + TimeSpan.FromSeconds(31);
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await pacer.WaitAsync(bounded.Token);
    }

    [Fact]
    public async Task A_clock_set_back_does_not_stall_sending()
    {
        var clock = new ManualClock(Start);
        var pacer = new Pacer(5, clock);
        await pacer.WaitAsync(CancellationToken.None);
        pacer.Throttled(TimeSpan.FromSeconds(1));

        clock.Now = Start - TimeSpan.FromDays(17);
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // At most the last Retry-After and one interval in real time, not 17 days.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await WaitWithClockFollowingAsync(pacer, clock, bounded.Token);
        Assert.True(bounded.IsCancellationRequested is false, $"waited {waited.Elapsed}");
    }

    /// <summary>Lets the manual clock follow real time while waiting, as a real clock would after being set back.</summary>
    private static async Task WaitWithClockFollowingAsync(Pacer pacer, ManualClock clock, CancellationToken ct)
    {
        var from = clock.Now;
        var real = System.Diagnostics.Stopwatch.StartNew();
        using var follow = new Timer(_ => clock.Now = from + real.Elapsed, null, 0, 20);
        await pacer.WaitAsync(ct);
    }
}
