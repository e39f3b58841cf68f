using System.Net;

namespace KinerjaBot.Protocol.Connector;

/// <summary>Which failures are retried and how long to wait before the next attempt.</summary>
internal static class RetryTiming
{
    /// <summary>
    /// Throttling (429), the precondition failure Teams uses under load (412) and gateway errors
    /// (502/503/504), per the Teams rate-limit guidance. 500 is left out: the message may well have
    /// been posted, and a blind resend would duplicate it.
    /// </summary>
    public static bool IsRetryable(HttpStatusCode status) =>
        (int)status is 429 or 412 or 502 or 503 or 504;

    /// <summary>
    /// Exponential backoff with full jitter: uniformly random in [0, min(MaxDelay, BaseDelay·2^(n-1))],
    /// so many senders throttled together do not come back in lock-step.
    /// </summary>
    /// <param name="attemptsMade">Attempts already made, at least 1.</param>
    /// <param name="options">Supplies the base delay and the cap.</param>
    /// <param name="random">A value in [0, 1).</param>
    public static TimeSpan Backoff(int attemptsMade, ConnectorOptions options, double random)
    {
        var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attemptsMade - 1, 30));
        var cap = Math.Min(exponential, options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(cap * random);
    }

    /// <summary>The server's <c>Retry-After</c> (delta seconds or HTTP date), never negative; null when absent or unreadable.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
