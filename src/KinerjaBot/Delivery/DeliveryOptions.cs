using System.ComponentModel.DataAnnotations;

namespace KinerjaBot.Delivery;

/// <summary>Section <c>Delivery</c>: pacing and retry of proactive and reply messages.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Sends per second for the whole app; Teams allows about 50 per app per tenant.</summary>
    [Range(1, 50)]
    public int GlobalPerSecond { get; set; } = 45;

    /// <summary>Sends per second into one conversation; Teams allows 7.</summary>
    [Range(1, 7)]
    public int PerConversationPerSecond { get; set; } = 6;

    [Range(1, 64)]
    public int Concurrency { get; set; } = 16;

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a claimed row is reserved; a crash before it is recorded resends after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts (each with the connector's own short retries) before a row is dead-lettered.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);
}
