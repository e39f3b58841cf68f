namespace KinerjaBot.Tests.Support;

/// <summary>Real time moved by an adjustable offset: lets a scenario jump hours ahead while timers keep working.</summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public ShiftedTimeProvider(DateTimeOffset? now = null)
    {
        if (now is { } n)
        {
            _offsetTicks = (n - System.GetUtcNow()).Ticks;
        }
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
