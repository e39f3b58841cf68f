using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace KinerjaBot.Tests.Support;

/// <summary>One request the stand-in answered, failed or not (for checking retry timing and counts).</summary>
public sealed record ConnectorAttempt(TimeSpan At, string ConversationId, string? ActivityId, int Status);

/// <summary>What the stand-in injected so far.</summary>
public sealed record InjectedFaults(int Throttled, int ServerErrors, int RateLimited, int Refused)
{
    public int Total => Throttled + ServerErrors + RateLimited + Refused;
}

/// <summary>
/// Fault injection, Teams-like: latency, random 429 (with <c>Retry-After</c>) and 502/503, a rate limit
/// per second for the whole bot and per conversation, a conversation that always refuses, a gate that
/// holds every call until released, and bookkeeping per activity id. The bot sends each outbox row with
/// its outbox key as activity id, so <see cref="DeliveredById"/> counts deliveries per key; with
/// <see cref="DedupeByActivityId"/> a resend of a delivered id is answered but not delivered again (the
/// idempotency the real Bot Connector does not offer; see README "Delivery guarantees").
/// </summary>
public sealed partial class StandInConnector
{
    private readonly Lock _faultLock = new();
    private readonly Queue<double> _globalWindow = new();
    private readonly Dictionary<string, Queue<double>> _conversationWindows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _refusing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _delivered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _resent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _firstIds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ConnectorAttempt> _attempts = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TaskCompletionSource _gate = Completed();
    private Random? _random;
    private double _throttleShare;
    private double _serverErrorShare;
    private string _randomRetryAfter = "1";
    private int _throttled;
    private int _serverErrors;
    private int _rateLimited;
    private int _refused;
    private int _throttleNext;
    private string _throttleNextRetryAfter = "1";

    /// <summary>Added to every call, like a real network and service.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Accepted calls per second for the whole bot before 429 (Teams: about 50 per app per tenant).</summary>
    public int? GlobalLimitPerSecond { get; set; }

    /// <summary>Accepted calls per second into one conversation before 429 (Teams: 7).</summary>
    public int? PerConversationLimitPerSecond { get; set; }

    /// <summary>The <c>Retry-After</c> sent with a rate-limit 429.</summary>
    public string RateLimitRetryAfter { get; set; } = "1";

    /// <summary>A resend of an activity id already delivered is answered with the first id and not delivered again.</summary>
    public bool DedupeByActivityId { get; set; }

    /// <summary>Accepted new messages per activity id (outbox key); more than 1 is a duplicate the user would see.</summary>
    public IReadOnlyDictionary<string, int> DeliveredById => new Dictionary<string, int>(_delivered);

    /// <summary>Resends absorbed by <see cref="DedupeByActivityId"/>, per activity id.</summary>
    public IReadOnlyDictionary<string, int> ResentById => new Dictionary<string, int>(_resent);

    /// <summary>Every request to the activities endpoint, in arrival order, with the status it got.</summary>
    public IReadOnlyList<ConnectorAttempt> Attempts => _attempts.ToList();

    public InjectedFaults Faults => new(_throttled, _serverErrors, _rateLimited, _refused);

    /// <summary>Fails a share of calls at random (seeded, so a run can be repeated): 429 with <paramref name="retryAfter"/>, or 502/503.</summary>
    public void InjectRandomFaults(double throttleShare, double serverErrorShare, int seed, string retryAfter = "1")
    {
        lock (_faultLock)
        {
            _random = new Random(seed);
            (_throttleShare, _serverErrorShare, _randomRetryAfter) = (throttleShare, serverErrorShare, retryAfter);
        }
    }

    /// <summary>The next <paramref name="count"/> calls get 429 with <paramref name="retryAfter"/> (recorded in <see cref="Attempts"/>).</summary>
    public void ThrottleNext(int count, string retryAfter)
    {
        lock (_faultLock)
        {
            (_throttleNext, _throttleNextRetryAfter) = (count, retryAfter);
        }
    }

    /// <summary>Every call into <paramref name="conversationId"/> fails with <paramref name="status"/> and <paramref name="body"/>.</summary>
    public void Refuse(string conversationId, int status, string body) => _refusing[conversationId] = (status, body);

    /// <summary>Calls wait (unanswered) until <see cref="Release"/>.</summary>
    public void Hold() => Interlocked.Exchange(ref _gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Release() => _gate.TrySetResult();

    /// <summary>Calls that arrived so far, whatever their outcome.</summary>
    public int AttemptCount => _attempts.Count;

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    /// <returns>True when the call was answered here with a fault.</returns>
    private async Task<bool> InjectFaultAsync(HttpContext http, string conversationId)
    {
        var activityId = await PeekActivityIdAsync(http);
        var at = _clock.Elapsed;
        await _gate.Task;
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency);
        }

        var fault = Decide(conversationId);
        _attempts.Enqueue(new ConnectorAttempt(at, conversationId, activityId, fault?.Status ?? 200));
        if (fault is not { } f)
        {
            return false;
        }

        http.Response.StatusCode = f.Status;
        if (f.RetryAfter is not null)
        {
            http.Response.Headers.RetryAfter = f.RetryAfter;
        }

        await http.Response.WriteAsync(f.Body);
        return true;
    }

    private (int Status, string? RetryAfter, string Body)? Decide(string conversationId)
    {
        if (_refusing.TryGetValue(conversationId, out var refusal))
        {
            Interlocked.Increment(ref _refused);
            return (refusal.Status, null, refusal.Body);
        }

        lock (_faultLock)
        {
            if (_throttleNext > 0)
            {
                _throttleNext--;
                _throttled++;
                return (429, _throttleNextRetryAfter, """{"error":{"code":"Throttled","message":"Too many requests"}}""");
            }

            if (_random is not null)
            {
                var roll = _random.NextDouble();
                if (roll < _throttleShare)
                {
                    _throttled++;
                    return (429, _randomRetryAfter, """{"error":{"code":"Throttled","message":"Too many requests"}}""");
                }

                if (roll < _throttleShare + _serverErrorShare)
                {
                    _serverErrors++;
                    return (roll < _throttleShare + (_serverErrorShare / 2) ? 502 : 503, null, """{"error":{"code":"ServiceUnavailable","message":"try again"}}""");
                }
            }

            var now = _clock.Elapsed.TotalSeconds;
            var conversation = _conversationWindows.TryGetValue(conversationId, out var q) ? q : _conversationWindows[conversationId] = new Queue<double>();
            Prune(_globalWindow, now);
            Prune(conversation, now);
            if (_globalWindow.Count >= (GlobalLimitPerSecond ?? int.MaxValue) || conversation.Count >= (PerConversationLimitPerSecond ?? int.MaxValue))
            {
                _rateLimited++;
                return (429, RateLimitRetryAfter, """{"error":{"code":"Throttled","message":"Rate limit exceeded"}}""");
            }

            _globalWindow.Enqueue(now);
            conversation.Enqueue(now);
            return null;
        }
    }

    private static void Prune(Queue<double> window, double now)
    {
        while (window.Count > 0 && window.Peek() <= now - 1)
        {
            window.Dequeue();
        }
    }

    private static async Task<string?> PeekActivityIdAsync(HttpContext http)
    {
        if (http.Request.Method != "POST")
        {
            return null;
        }

        http.Request.EnableBuffering();
        var text = await new StreamReader(http.Request.Body, leaveOpen: true).ReadToEndAsync();
        http.Request.Body.Position = 0;
        try
        {
            return (JsonNode.Parse(text) as JsonObject)?["id"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <returns>The id first answered for this activity id when it was delivered before and resends are deduplicated.</returns>
    private string? AlreadyDelivered(string method, JsonObject body)
    {
        if (method != "POST" || !DedupeByActivityId || body["id"]?.GetValue<string>() is not { } id || !_firstIds.TryGetValue(id, out var first))
        {
            return null;
        }

        _resent.AddOrUpdate(id, 1, (_, n) => n + 1);
        return first;
    }

    private void Delivered(string method, JsonObject body, string answeredId)
    {
        if (method == "POST" && body["id"]?.GetValue<string>() is { } id)
        {
            _firstIds.TryAdd(id, answeredId);
            _delivered.AddOrUpdate(id, 1, (_, n) => n + 1);
        }
    }
}
