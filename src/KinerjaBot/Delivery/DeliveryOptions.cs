using System.ComponentModel.DataAnnotations;

namespace KinerjaBot.Delivery;

/// <summary>Section <c>Delivery</c>: pacing and retry of proactive and reply messages.</summary>
public sealed class DeliveryOptions
{
    /// <summary>
    /// Sends per second for the whole app. Teams allows about 50 per app per tenant, so keep it below that
    /// against Teams; a connector without that limit (bench/'s stand-in) may be given more.
    /// </summary>
    [Range(1, 10_000)]
    public int GlobalPerSecond { get; set; } = 45;

    /// <summary>Sends per second into one conversation; Teams allows 7.</summary>
    [Range(1, 7)]
    public int PerConversationPerSecond { get; set; } = 6;

    /// <summary>Sends in flight at once.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 16;

    /// <summary>Rows claimed and held by one instance at most; claiming goes on as they are settled.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a claimed row is reserved without renewal (renewed every third of it while worked); after a crash it is sent again after this.</summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Tries (one HTTP attempt each; throttled ones count) before a row is dead-lettered.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Backoff base when the connector gives no <c>Retry-After</c>: doubles with each attempt (capped at 2^10).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);
}
