namespace KinerjaBot.Delivery;

/// <summary>
/// Spaces sends evenly under a rate that halves when the connector throttles and creeps back up as sends
/// succeed (additive increase, multiplicative decrease), and, when asked to, holds every sender while a
/// <c>Retry-After</c> runs. Even spacing rather than a token bucket: Teams counts in short windows, and a
/// full bucket spent in one burst is exactly what it throttles. The rate halves at most once per
/// <see cref="DecreaseWindow"/>: the throttles that answer sends made at the old rate say nothing new, and
/// counting each of them would drive the rate to its floor on a burst of a few 429s.
/// </summary>
public sealed class Pacer(double maxPerSecond, TimeProvider time, bool pauseOnRetryAfter = true)
{
    /// <summary>At most one halving of the rate per this window.</summary>
    public static readonly TimeSpan DecreaseWindow = TimeSpan.FromSeconds(1);

    // About the resolution of timers: waiting for less is not possible, only for more.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(1);

    private static readonly TimeSpan LongestInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly double _max = maxPerSecond;
    private double _rate = maxPerSecond;
    private DateTimeOffset _next = DateTimeOffset.MinValue;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _lastDecrease = DateTimeOffset.MinValue;
    private TimeSpan _pause;

    /// <summary>Sends per second allowed right now.</summary>
    public double CurrentRate
    {
        get
        {
            lock (_lock)
            {
                return _rate;
            }
        }
    }

    /// <summary>When the last send happened or was allowed; lets a caller forget idle pacers.</summary>
    public DateTimeOffset LastUsed { get; private set; } = time.GetUtcNow();

    /// <summary>Waits for this sender's slot. A throttle that arrives while waiting moves the slot.</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                ClampAfterClockChange(now);
                var slot = _next > _pausedUntil ? _next : _pausedUntil;
                if (slot <= now + Slack)
                {
                    // At high rates the interval is below the timer's resolution: a slot within Slack is
                    // taken now, and the next one counts from it, so the rate over time still holds.
                    _next = (slot > now ? slot : now) + Interval();
                    LastUsed = now;
                    return;
                }

                wait = slot - now;
            }

            await Task.Delay(wait, time, ct);
        }
    }

    /// <summary>
    /// The connector throttled: halve the rate (once per <see cref="DecreaseWindow"/>) and, given a
    /// <c>Retry-After</c> and a pacer that pauses, hold its senders until it passes.
    /// </summary>
    public void Throttled(TimeSpan? retryAfter)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now - _lastDecrease >= DecreaseWindow || now < _lastDecrease)
            {
                _rate = Math.Max(Math.Min(1, _max), _rate / 2);
                _lastDecrease = now;
            }

            if (pauseOnRetryAfter && retryAfter is { } wait && now + wait > _pausedUntil)
            {
                _pausedUntil = now + wait;
                _pause = wait;
            }

            _next = now + Interval();
        }
    }

    /// <summary>A send went through: recover a twentieth of the full rate.</summary>
    public void Succeeded()
    {
        lock (_lock)
        {
            _rate = Math.Min(_max, _rate + (_max / 20));
        }
    }

    private TimeSpan Interval() => TimeSpan.FromSeconds(1 / _rate);

    // A slot can lie no further ahead than the longest interval (at the floor rate of one per second), a
    // pause no further than the last Retry-After; more means the clock was set back, and waiting for the
    // old instant would stall delivery. Not the current interval: while the rate recovers the interval
    // shrinks below the one the next slot was set with, and resetting the slot then sent at once, a burst
    // that drew the next 429.
    private void ClampAfterClockChange(DateTimeOffset now)
    {
        if (_next - now > LongestInterval)
        {
            _next = now;
        }

        if (_pausedUntil - now > _pause)
        {
            _pausedUntil = now + _pause;
        }
    }
}
