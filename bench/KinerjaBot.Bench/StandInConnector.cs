using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace KinerjaBot.Bench;

/// <summary>
/// A Bot Connector on loopback that answers like Teams does under load: a fixed latency, optional random
/// 429s with Retry-After, and Teams-like rate limits (a sliding one-second window, global and per
/// conversation) that answer 429 when exceeded. Every accepted activity is recorded; a second copy of
/// the same reply (same conversation, replyToId and content) or of the same proactive message (same
/// conversation and content) counts as a duplicate.
/// </summary>
public sealed class StandInConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly Queue<long> _globalWindow = new();
    private readonly Dictionary<string, Queue<long>> _conversationWindows = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, int> _copies = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, long> _firstReplyAt = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, int> _perConversation = new(StringComparer.Ordinal);
    private ConcurrentQueue<long> _acceptedAt = new();
    private long _accepted;
    private long _injected429;
    private long _limited429;
    private long _updates;
    private int _nextId;

    private StandInConnector(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";

    /// <summary>Added to every answer, as the real connector's round trip would be.</summary>
    public int LatencyMs { get; set; } = 20;

    /// <summary>Share of sends answered 429 at random (0..1).</summary>
    public double Inject429Rate { get; set; }

    /// <summary>Accepted sends per second for the whole bot; 0 = no limit.</summary>
    public int GlobalPerSecond { get; set; }

    /// <summary>Accepted sends per second into one conversation; 0 = no limit.</summary>
    public int PerConversationPerSecond { get; set; }

    public long Accepted => Interlocked.Read(ref _accepted);
    public long Injected429 => Interlocked.Read(ref _injected429);
    public long RateLimited429 => Interlocked.Read(ref _limited429);
    public long Updates => Interlocked.Read(ref _updates);

    /// <summary>Accepted copies beyond the first of the same message.</summary>
    public long Duplicates => _copies.Values.Sum(c => (long)c - 1);

    public int DistinctConversations => _perConversation.Count;

    /// <summary>Stopwatch timestamp of the first accepted reply to each inbound activity id.</summary>
    public bool TryFirstReply(string activityId, out long timestamp) => _firstReplyAt.TryGetValue(activityId, out timestamp);

    public int RepliedActivities => _firstReplyAt.Count;

    public IReadOnlyCollection<long> AcceptedTimestamps => _acceptedAt;

    public static async Task<StandInConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new StandInConnector(app);
        app.MapMethods("/v3/conversations/{conversationId}/activities/{activityId?}", ["POST", "PUT"], connector.HandleAsync);
        app.MapPost("/v3/conversations", async (HttpContext http) =>
            await http.Response.WriteAsJsonAsync(new { id = "a:created-" + Interlocked.Increment(ref connector._nextId) }));
        await app.StartAsync();
        connector.ServiceUrl = app.Urls.First() + "/";
        return connector;
    }

    /// <summary>Forgets everything recorded (between scenarios); the settings stay.</summary>
    public void Reset()
    {
        _copies = new(StringComparer.Ordinal);
        _firstReplyAt = new(StringComparer.Ordinal);
        _perConversation = new(StringComparer.Ordinal);
        _acceptedAt = new();
        Interlocked.Exchange(ref _accepted, 0);
        Interlocked.Exchange(ref _injected429, 0);
        Interlocked.Exchange(ref _limited429, 0);
        Interlocked.Exchange(ref _updates, 0);
        lock (_gate)
        {
            _globalWindow.Clear();
            _conversationWindows.Clear();
        }
    }

    private async Task HandleAsync(HttpContext http, string conversationId, string? activityId)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        if (LatencyMs > 0)
        {
            await Task.Delay(LatencyMs);
        }

        conversationId = Uri.UnescapeDataString(conversationId);
        if (Inject429Rate > 0 && Random.Shared.NextDouble() < Inject429Rate)
        {
            Interlocked.Increment(ref _injected429);
            await TooManyAsync(http);
            return;
        }

        if (!Admit(conversationId))
        {
            Interlocked.Increment(ref _limited429);
            await TooManyAsync(http);
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (http.Request.Method == "PUT")
        {
            Interlocked.Increment(ref _updates);
            await http.Response.WriteAsJsonAsync(new { id = activityId });
            return;
        }

        var activity = JsonNode.Parse(body) as JsonObject;
        var replyTo = activity?["replyToId"]?.GetValue<string>();
        var key = conversationId + "|" + replyTo + "|" + Fingerprint(activity);
        _copies.AddOrUpdate(key, 1, (_, n) => n + 1);
        _perConversation.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
        if (replyTo is not null)
        {
            _firstReplyAt.TryAdd(replyTo, now);
        }

        _acceptedAt.Enqueue(now);
        Interlocked.Increment(ref _accepted);
        await http.Response.WriteAsJsonAsync(new { id = "msg-" + Interlocked.Increment(ref _nextId) });
    }

    private static async Task TooManyAsync(HttpContext http)
    {
        http.Response.StatusCode = 429;
        http.Response.Headers.RetryAfter = "1";
        await http.Response.WriteAsync("{\"error\":{\"code\":\"Throttled\",\"message\":\"Too many requests\"}}");
    }

    /// <summary>Sliding one-second windows, as Teams' limits are stated per second.</summary>
    private bool Admit(string conversationId)
    {
        if (GlobalPerSecond <= 0 && PerConversationPerSecond <= 0)
        {
            return true;
        }

        var now = Stopwatch.GetTimestamp();
        var since = now - Stopwatch.Frequency;
        lock (_gate)
        {
            Trim(_globalWindow, since);
            if (!_conversationWindows.TryGetValue(conversationId, out var window))
            {
                window = new Queue<long>();
                _conversationWindows[conversationId] = window;
            }

            Trim(window, since);
            if ((GlobalPerSecond > 0 && _globalWindow.Count >= GlobalPerSecond) || (PerConversationPerSecond > 0 && window.Count >= PerConversationPerSecond))
            {
                return false;
            }

            _globalWindow.Enqueue(now);
            window.Enqueue(now);
            return true;
        }
    }

    private static void Trim(Queue<long> window, long since)
    {
        while (window.Count > 0 && window.Peek() <= since)
        {
            window.Dequeue();
        }
    }

    /// <summary>What the user would see: text, summary and attachments (not ids or timestamps).</summary>
    private static string Fingerprint(JsonObject? activity)
    {
        var text = activity?["text"]?.ToJsonString() + "|" + activity?["summary"]?.ToJsonString() + "|" + activity?["attachments"]?.ToJsonString();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 12);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
