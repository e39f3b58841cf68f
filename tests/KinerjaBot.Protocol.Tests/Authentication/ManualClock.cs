namespace KinerjaBot.Protocol.Tests.Authentication;

/// <summary>A clock the test moves by hand (the Microsoft testing package is not available here).</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
