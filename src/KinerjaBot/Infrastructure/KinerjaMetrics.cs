using System.Diagnostics.Metrics;

namespace KinerjaBot.Infrastructure;

/// <summary>Counters under the meter "KinerjaBot" (dotnet-counters, OpenTelemetry or any MeterListener).</summary>
public sealed class KinerjaMetrics : IDisposable
{
    public const string MeterName = "KinerjaBot";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _activities;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _planned;

    public KinerjaMetrics()
    {
        _activities = _meter.CreateCounter<long>("kinerjabot.activities.handled");
        _sent = _meter.CreateCounter<long>("kinerjabot.outbox.sent");
        _throttled = _meter.CreateCounter<long>("kinerjabot.outbox.throttled");
        _retried = _meter.CreateCounter<long>("kinerjabot.outbox.retried");
        _deadLettered = _meter.CreateCounter<long>("kinerjabot.outbox.dead_lettered");
        _failed = _meter.CreateCounter<long>("kinerjabot.outbox.failed", description: "Send attempts that did not deliver (any status; 0 = no response)");
        _planned = _meter.CreateCounter<long>("kinerjabot.reminders.planned");
    }

    /// <summary>The meter itself, so a listener can tell this app's measurements from another's in the same process.</summary>
    public Meter Meter => _meter;

    public void ActivityHandled(string type) => _activities.Add(1, new KeyValuePair<string, object?>("type", type));

    public void Sent(string purpose) => _sent.Add(1, new KeyValuePair<string, object?>("purpose", purpose));

    public void Throttled(string purpose, int status) =>
        _throttled.Add(1, new KeyValuePair<string, object?>("purpose", purpose), new KeyValuePair<string, object?>("status", status));

    public void Retried(string purpose) => _retried.Add(1, new KeyValuePair<string, object?>("purpose", purpose));

    public void Failed(string purpose, int status) =>
        _failed.Add(1, new KeyValuePair<string, object?>("purpose", purpose), new KeyValuePair<string, object?>("status", status));

    public void DeadLettered(string purpose, int count = 1) => _deadLettered.Add(count, new KeyValuePair<string, object?>("purpose", purpose));

    public void Planned(string kind, int count) => _planned.Add(count, new KeyValuePair<string, object?>("kind", kind));

    public void Dispose() => _meter.Dispose();
}
