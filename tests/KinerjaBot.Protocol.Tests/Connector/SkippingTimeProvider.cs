namespace KinerjaBot.Protocol.Tests.Connector;

/// <summary>
/// A clock that jumps forward instead of waiting: every timer records the delay it was asked for,
/// moves <see cref="GetUtcNow"/> on by it and fires almost at once. Retry tests then assert the
/// exact waits without spending them.
/// </summary>
internal sealed class SkippingTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _delays = [];
    private DateTimeOffset _now = start;

    public SkippingTimeProvider() : this(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero))
    {
    }

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_gate)
            {
                return [.. _delays];
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return System.CreateTimer(callback, state, dueTime, period);
        }

        lock (_gate)
        {
            _delays.Add(dueTime);
            _now += dueTime;
        }

        // A real 1 ms timer rather than calling back here: Task.Delay stores the timer it gets back
        // and the callback uses it, so the callback must not run before this method returns.
        return System.CreateTimer(callback, state, TimeSpan.FromMilliseconds(1), period);
    }
}
